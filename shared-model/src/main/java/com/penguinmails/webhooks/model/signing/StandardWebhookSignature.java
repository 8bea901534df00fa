package com.penguinmails.webhooks.model.signing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * The Standard Webhooks scheme (standardwebhooks.com): {@code webhook-signature: v1,<base64 HMAC-SHA256>} over
 * {@code id.timestamp.body}, keyed with the base64-decoded part of the secret after {@code whsec_} (a secret that is
 * not base64, as a {@code /v1} user may choose, with its UTF-8 bytes: see {@link WebhookSecrets#keyBytes}). During a
 * secret rotation the header carries one signature per secret, separated by spaces.
 */
public final class StandardWebhookSignature {

    public static final String VERSION = "v1";
    /** How far a timestamp may be from now and still verify, against replayed requests. */
    public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private StandardWebhookSignature() {
    }

    /** One signature, {@code v1,<base64>}. */
    public static String sign(String secret, String messageId, long timestampSeconds, byte[] body) {
        byte[] prefix = (messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
        byte[] mac = Hmac.sha256(WebhookSecrets.keyBytes(secret), prefix, body);
        return VERSION + "," + Base64.getEncoder().encodeToString(mac);
    }

    /** The header value for several secrets (rotation): one signature each, separated by spaces. */
    public static String signAll(List<String> secrets, String messageId, long timestampSeconds, byte[] body) {
        return String.join(" ", secrets.stream().map(s -> sign(s, messageId, timestampSeconds, body)).toList());
    }

    /**
     * Whether one of the header's {@code v1} signatures matches the secret and the timestamp lies within the
     * tolerance of {@code now}.
     */
    public static boolean verify(String secret, String messageId, String timestampHeader, byte[] body,
                                 String signatureHeader, Instant now, Duration tolerance) {
        if (secret == null || messageId == null || timestampHeader == null || signatureHeader == null) {
            return false;
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(timestampHeader.trim());
        } catch (NumberFormatException e) {
            return false;
        }
        if (Math.abs(now.getEpochSecond() - timestamp) > tolerance.toSeconds()) {
            return false;
        }
        String expected = sign(secret, messageId, timestamp, body);
        for (String candidate : signatureHeader.trim().split(" +")) {
            if (Hmac.constantTimeEquals(expected, candidate)) {
                return true;
            }
        }
        return false;
    }
}
