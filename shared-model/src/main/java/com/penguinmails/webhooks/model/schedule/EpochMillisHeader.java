package com.penguinmails.webhooks.model.schedule;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The value of the due-time Kafka headers ({@code pm-due-at}, {@code pm-hop-due-at}): epoch milliseconds as ASCII
 * digits, readable with any Kafka tool. An instant is rounded up to the millisecond, so a time read back is never
 * earlier than the one written: a record can fire up to 1 ms late for it, never early.
 */
public final class EpochMillisHeader {

    /** Long.MAX_VALUE has 19 digits. */
    private static final int MAX_DIGITS = 18;

    private EpochMillisHeader() {
    }

    public static byte[] encode(Instant instant) {
        long millis = instant.toEpochMilli();
        if (instant.getNano() % 1_000_000 != 0) {
            millis++;
        }
        return Long.toString(millis).getBytes(StandardCharsets.US_ASCII);
    }

    /** @throws IllegalArgumentException when the value is not 1 to 18 ASCII digits */
    public static Instant decode(byte[] value) {
        if (value == null || value.length == 0 || value.length > MAX_DIGITS) {
            throw new IllegalArgumentException("an epoch-millis header is 1 to " + MAX_DIGITS + " digits");
        }
        long millis = 0;
        for (byte b : value) {
            if (b < '0' || b > '9') {
                throw new IllegalArgumentException("an epoch-millis header is ASCII digits only");
            }
            millis = millis * 10 + (b - '0');
        }
        return Instant.ofEpochMilli(millis);
    }
}
