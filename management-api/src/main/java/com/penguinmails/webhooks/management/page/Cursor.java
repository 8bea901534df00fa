package com.penguinmails.webhooks.management.page;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

/**
 * Where a page ends in a list ordered newest first: the last item's creation time (to the microsecond, PostgreSQL's
 * precision) and id, which breaks ties. Clients see it only as an opaque string, so its form can change.
 */
public record Cursor(Instant createdAt, String id) {

    private static final String VERSION = "c1";

    /** The opaque form given to clients as {@code next_cursor}. */
    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
        String text = VERSION + ":" + micros + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back, or null when it is not one this API issued. */
    static Cursor decode(String opaque) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(opaque), StandardCharsets.UTF_8);
            String[] parts = text.split(":", 3);
            if (parts.length != 3 || !parts[0].equals(VERSION) || parts[2].isEmpty()) {
                return null;
            }
            return new Cursor(Instant.EPOCH.plus(Long.parseLong(parts[1]), ChronoUnit.MICROS), parts[2]);
        } catch (IllegalArgumentException | ArithmeticException | java.time.DateTimeException e) {
            return null;
        }
    }
}
