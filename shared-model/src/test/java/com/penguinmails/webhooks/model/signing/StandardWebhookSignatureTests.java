package com.penguinmails.webhooks.model.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.standardwebhooks.Webhook;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class StandardWebhookSignatureTests {

    private static final String SECRET = "whsec_plJ3nmyCDGBKInavdOK15jsl";
    private static final String MSG_ID = "msg_loFOjxBNrRLzqYUf";
    private static final long TIMESTAMP = 1731705121L;
    private static final byte[] BODY = "{\"event_type\":\"ping\",\"data\":{\"success\":true}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signsTheStandardWebhooksTestVector() {
        assertThat(StandardWebhookSignature.sign(SECRET, MSG_ID, TIMESTAMP, BODY))
                .isEqualTo("v1,rAvfW3dJ/X/qxhsaXPOyyCGmRKsaKWcsNccKXlIktD0=");
    }

    @Test
    void verifiesTheTestVectorWithinToleranceOnly() {
        String header = "v1,rAvfW3dJ/X/qxhsaXPOyyCGmRKsaKWcsNccKXlIktD0=";
        Instant signedAt = Instant.ofEpochSecond(TIMESTAMP);
        assertThat(StandardWebhookSignature.verify(SECRET, MSG_ID, "1731705121", BODY, header,
                signedAt.plusSeconds(60), Duration.ofMinutes(5))).isTrue();
        assertThat(StandardWebhookSignature.verify(SECRET, MSG_ID, "1731705121", BODY, header,
                signedAt.plusSeconds(301), Duration.ofMinutes(5))).isFalse();
    }

    /**
     * Replay protection (issue #12): a captured request, sent again later, is refused once its timestamp is older than
     * the tolerance; moving its timestamp to now breaks the signature, and one from the future is refused alike.
     */
    @Test
    void refusesAReplayedMessageWhoseTimestampIsOld() {
        Instant sentAt = Instant.parse("2026-11-24T10:00:00Z");
        String header = StandardWebhookSignature.sign(SECRET, MSG_ID, sentAt.getEpochSecond(), BODY);
        Duration tolerance = StandardWebhookSignature.DEFAULT_TOLERANCE;
        String timestamp = Long.toString(sentAt.getEpochSecond());
        assertThat(StandardWebhookSignature.verify(SECRET, MSG_ID, timestamp, BODY, header, sentAt.plusSeconds(2), tolerance)).isTrue();
        assertThat(StandardWebhookSignature.verify(SECRET, MSG_ID, timestamp, BODY, header, sentAt.plus(Duration.ofMinutes(6)), tolerance))
                .as("replayed six minutes later").isFalse();
        assertThat(StandardWebhookSignature.verify(SECRET, MSG_ID, timestamp, BODY, header, sentAt.plus(Duration.ofDays(1)), tolerance))
                .as("replayed a day later").isFalse();
        Instant later = sentAt.plus(Duration.ofHours(1));
        assertThat(StandardWebhookSignature.verify(SECRET, MSG_ID, Long.toString(later.getEpochSecond()), BODY, header, later, tolerance))
                .as("replayed with its timestamp moved to now").isFalse();
        assertThat(StandardWebhookSignature.verify(SECRET, MSG_ID, timestamp, BODY, header, sentAt.minus(Duration.ofMinutes(6)), tolerance))
                .as("a timestamp six minutes in the future").isFalse();
    }

    @Test
    void rejectsATamperedBodyAnotherIdOrAnotherSecret() {
        String header = StandardWebhookSignature.sign(SECRET, MSG_ID, TIMESTAMP, BODY);
        Instant now = Instant.ofEpochSecond(TIMESTAMP);
        byte[] tampered = "{\"event_type\":\"ping\",\"data\":{\"success\":false}}".getBytes(StandardCharsets.UTF_8);
        assertThat(verify(SECRET, MSG_ID, tampered, header, now)).isFalse();
        assertThat(verify(SECRET, "msg_other", BODY, header, now)).isFalse();
        assertThat(verify(WebhookSecrets.generate(), MSG_ID, BODY, header, now)).isFalse();
        assertThat(StandardWebhookSignature.verify(SECRET, MSG_ID, "not-a-number", BODY, header, now, Duration.ofMinutes(5))).isFalse();
    }

    @Test
    void acceptsAnyOfSeveralSignaturesDuringRotation() {
        String old = WebhookSecrets.generate();
        String header = StandardWebhookSignature.signAll(List.of(SECRET, old), MSG_ID, TIMESTAMP, BODY);
        Instant now = Instant.ofEpochSecond(TIMESTAMP);
        assertThat(header.split(" ")).hasSize(2);
        assertThat(verify(SECRET, MSG_ID, BODY, header, now)).isTrue();
        assertThat(verify(old, MSG_ID, BODY, header, now)).isTrue();
    }

    @Property(tries = 200)
    void agreesWithTheStandardWebhooksLibrary(@ForAll @StringLength(max = 2000) String body,
                                              @ForAll @StringLength(min = 1, max = 40) String idSuffix,
                                              @ForAll @LongRange(min = 1_000_000_000L, max = 4_000_000_000L) long timestamp) throws Exception {
        String secret = WebhookSecrets.generate();
        String msgId = "msg_" + idSuffix.replaceAll("[^A-Za-z0-9]", "x");
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String ours = StandardWebhookSignature.sign(secret, msgId, timestamp, bytes);
        Webhook library = new Webhook(secret);
        // The library signs a String; it encodes it as UTF-8, the same bytes we sign.
        assertThat(ours).isEqualTo(library.sign(msgId, timestamp, new String(bytes, StandardCharsets.UTF_8)));
        // And the library accepts what we send, headers and all (its tolerance is 5 minutes around now).
        long now = Instant.now().getEpochSecond();
        String header = StandardWebhookSignature.sign(secret, msgId, now, bytes);
        assertThatCode(() -> library.verify(body, Map.of(
                "webhook-id", List.of(msgId),
                "webhook-timestamp", List.of(Long.toString(now)),
                "webhook-signature", List.of(header)))).doesNotThrowAnyException();
    }

    @Test
    void signsWithTheUtf8BytesOfAUserChosenSecretThatIsNotBase64() throws Exception {
        // the secret of spec 003's example: '-' is no base64, so the Standard Webhooks libraries could not decode it
        String secret = "your-webhook-secret";
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
        mac.update((MSG_ID + "." + TIMESTAMP + ".").getBytes(StandardCharsets.UTF_8));
        String expected = "v1," + java.util.Base64.getEncoder().encodeToString(mac.doFinal(BODY));

        assertThat(StandardWebhookSignature.signAll(List.of(secret), MSG_ID, TIMESTAMP, BODY)).isEqualTo(expected);
        assertThat(new Webhook(key).sign(MSG_ID, TIMESTAMP, new String(BODY, StandardCharsets.UTF_8))).isEqualTo(expected);
    }

    @Test
    void keysAWhsecSecretWhoseRestIsNotBase64WithTheWholeSecret() {
        String secret = "whsec_not base64!";
        assertThat(WebhookSecrets.keyBytes(secret)).isEqualTo(secret.getBytes(StandardCharsets.UTF_8));
        assertThat(WebhookSecrets.keyBytes("whsec_")).isEqualTo("whsec_".getBytes(StandardCharsets.UTF_8));
        assertThat(WebhookSecrets.keyBytes(SECRET)).isEqualTo(java.util.Base64.getDecoder().decode("plJ3nmyCDGBKInavdOK15jsl"));
    }

    /** Any secret a user may choose signs; where the library accepts the secret as a string, both agree. */
    @Property(tries = 300)
    void signsAnyUserChosenSecretAsTheLibraryDoes(@ForAll @StringLength(min = 16, max = 64) String secret,
                                                  @ForAll @StringLength(max = 200) String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String ours = StandardWebhookSignature.sign(secret, MSG_ID, TIMESTAMP, bytes);
        Webhook library;
        try {
            library = new Webhook(secret);
        } catch (RuntimeException | com.standardwebhooks.exceptions.EmptyWebhookSecretException refused) {
            library = new Webhook(secret.getBytes(StandardCharsets.UTF_8));
        }
        assertThat(ours).isEqualTo(library.sign(MSG_ID, TIMESTAMP, new String(bytes, StandardCharsets.UTF_8)));
    }

    private static boolean verify(String secret, String id, byte[] body, String header, Instant now) {
        return StandardWebhookSignature.verify(secret, id, Long.toString(TIMESTAMP), body, header, now, Duration.ofMinutes(5));
    }
}
