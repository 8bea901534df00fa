package com.penguinmails.webhooks.model.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class PenguinSignatureTests {

    private static final String SECRET = "whsec_plJ3nmyCDGBKInavdOK15jsl";
    private static final byte[] BODY = "{\"event_type\":\"ping\",\"data\":{\"success\":true}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsAFixedVectorComputedWithOpenssl() {
        // printf '%s' '{"event_type":"ping","data":{"success":true}}' | openssl dgst -sha256 -hmac 'whsec_plJ3nmyCDGBKInavdOK15jsl'
        assertThat(PenguinSignature.sign(SECRET, BODY))
                .isEqualTo("sha256=f2e56a8fe50de964fe9160168e770ed471842e2798c5385a497a1d3d2b910768");
    }

    @Test
    void verifiesOnlyTheExactBodyAndSecret() {
        String header = PenguinSignature.sign(SECRET, BODY);
        assertThat(PenguinSignature.verify(SECRET, BODY, header)).isTrue();
        assertThat(PenguinSignature.verify(SECRET, "{}".getBytes(StandardCharsets.UTF_8), header)).isFalse();
        assertThat(PenguinSignature.verify(SECRET + "x", BODY, header)).isFalse();
        assertThat(PenguinSignature.verify(SECRET, BODY, null)).isFalse();
        assertThat(PenguinSignature.verify(SECRET, BODY, "sha256=")).isFalse();
    }

    @Property(tries = 200)
    void equalsAPlainJdkHmacOfTheBody(@ForAll String body) throws Exception {
        String secret = WebhookSecrets.generate();
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(bytes));
        assertThat(PenguinSignature.sign(secret, bytes)).isEqualTo(expected);
        assertThat(PenguinSignature.verify(secret, bytes, expected)).isTrue();
    }
}
