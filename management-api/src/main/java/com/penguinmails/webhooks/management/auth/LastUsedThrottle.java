package com.penguinmails.webhooks.management.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Decides when a key's {@code last_used_at} is worth writing: on its first use seen by this instance, then at most
 * once per {@link #WRITE_INTERVAL}. A busy key thus costs one small write a minute, not one per request; the column is
 * accurate to about a minute (per instance), which is all "last used" needs.
 */
final class LastUsedThrottle {

    static final Duration WRITE_INTERVAL = Duration.ofMinutes(1);

    private final Map<String, Instant> lastWrites = new ConcurrentHashMap<>();
    private final Duration interval;

    LastUsedThrottle(Duration interval) {
        this.interval = interval;
    }

    /** True when the caller should write this use now; claims the write, so concurrent requests get one true. */
    boolean shouldWrite(String keyId, Instant now) {
        AtomicBoolean due = new AtomicBoolean();
        lastWrites.compute(keyId, (id, last) -> {
            if (last == null || !now.isBefore(last.plus(interval))) {
                due.set(true);
                return now;
            }
            return last;
        });
        return due.get();
    }
}
