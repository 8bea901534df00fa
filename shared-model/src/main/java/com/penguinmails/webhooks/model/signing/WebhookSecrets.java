package com.penguinmails.webhooks.model.signing;

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

    /** The HMAC key of the Standard Webhooks scheme: the base64-decoded part after {@code whsec_}. */
    static byte[] keyBytes(String secret) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        try {
            return Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("webhook secret is not " + PREFIX + "<base64>", e);
        }
    }
}
