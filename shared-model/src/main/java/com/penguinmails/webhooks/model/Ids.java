package com.penguinmails.webhooks.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * Prefixed identifiers ({@code evt_}, {@code wh_}, {@code dlv_}, {@code ws_}, {@code key_}).
 *
 * <p>Random ids are 26 Crockford base32 characters laid out like a ULID: 48 bits of milliseconds, then 80
 * random bits, so ids of one kind sort by creation time. Delivery ids are derived from the event and the
 * webhook instead, so that a redelivered event maps to the same delivery and receivers can de-duplicate.
 */
public final class Ids {

    public static final String EVENT = "evt_";
    public static final String WEBHOOK = "wh_";
    public static final String DELIVERY = "dlv_";
    public static final String WORKSPACE = "ws_";
    public static final String API_KEY = "key_";
    public static final String MESSAGE = "msg_";

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int BODY_LENGTH = 26;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String newEventId() {
        return random(EVENT, Clock.systemUTC());
    }

    public static String newWebhookId() {
        return random(WEBHOOK, Clock.systemUTC());
    }

    public static String newWorkspaceId() {
        return random(WORKSPACE, Clock.systemUTC());
    }

    public static String newApiKeyId() {
        return random(API_KEY, Clock.systemUTC());
    }

    /** A time-ordered random id with the given prefix. */
    public static String random(String prefix, Clock clock) {
        byte[] bytes = new byte[16];
        long millis = clock.millis();
        for (int i = 5; i >= 0; i--) {
            bytes[i] = (byte) (millis & 0xff);
            millis >>>= 8;
        }
        byte[] tail = new byte[10];
        RANDOM.nextBytes(tail);
        System.arraycopy(tail, 0, bytes, 6, 10);
        return prefix + base32(bytes);
    }

    /** The delivery id of an event to a webhook: the same inputs always give the same id. */
    public static String deliveryId(String eventId, String webhookId) {
        return derived(DELIVERY, eventId, webhookId);
    }

    /** An id derived from the parts: the same parts always give the same id, different parts different ids. */
    public static String derived(String prefix, String... parts) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(String.join("\n", parts).getBytes(StandardCharsets.UTF_8));
            return prefix + base32(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Whether the text is a well-formed id of the given prefix (the body may be any safe token). */
    public static boolean hasPrefix(String id, String prefix) {
        return id != null && id.startsWith(prefix) && id.length() > prefix.length() && id.length() <= 128
                && id.substring(prefix.length()).chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '_' || c == '-');
    }

    /** The first {@value #BODY_LENGTH} base32 characters of the given bytes (at least 17 bytes are needed). */
    private static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder(BODY_LENGTH);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5 && out.length() < BODY_LENGTH) {
                out.append(CROCKFORD[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (out.length() < BODY_LENGTH && bits > 0) {
            out.append(CROCKFORD[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }
}
