package com.penguinmails.webhooks.model.signing;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The {@code X-PenguinMails-Signature} scheme of spec 001: {@code sha256=<hex HMAC-SHA256 of the raw body>},
 * keyed with the UTF-8 bytes of the whole secret string ({@code whsec_…} included). The {@code /v1}
 * {@code X-Webhook-Signature} header uses the same value.
 */
public final class PenguinSignature {

    public static final String PREFIX = "sha256=";

    private PenguinSignature() {
    }

    public static String sign(String secret, byte[] body) {
        return PREFIX + HexFormat.of().formatHex(Hmac.sha256(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    /** Whether the header value is the signature of the body under the secret (constant-time comparison). */
    public static boolean verify(String secret, byte[] body, String header) {
        return header != null && Hmac.constantTimeEquals(sign(secret, body), header.trim());
    }
}
