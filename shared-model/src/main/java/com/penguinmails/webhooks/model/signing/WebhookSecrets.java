package com.penguinmails.webhooks.model.signing;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

/** Webhook signing secrets: {@code whsec_} followed by the base64 of 24 random bytes. */
public final class WebhookSecrets {

    public static final String PREFIX = "whsec_";
    private static final int KEY_BYTES = 24;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecrets() {
    }

    public static String generate() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /**
     * The HMAC key of the Standard Webhooks scheme. Where the Standard Webhooks libraries accept the secret, the same
     * key they derive: the part after {@code whsec_} (or the whole secret without it), base64-decoded. A secret they
     * would refuse (not base64, or decoding to nothing), such as one a user chose through the compact {@code /v1} API,
     * is keyed with the UTF-8 bytes of the whole secret, the key {@link PenguinSignature} uses; receivers verify it
     * with the library's byte-array constructor. Signing never fails for want of a {@code whsec_} secret.
     */
    static byte[] keyBytes(String secret) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        try {
            byte[] decoded = Base64.getDecoder().decode(encoded);
            if (decoded.length > 0) {
                return decoded;
            }
        } catch (IllegalArgumentException notBase64) {
            // falls through to the secret's own bytes
        }
        return secret.getBytes(StandardCharsets.UTF_8);
    }
}
