package com.penguinmails.webhooks.dispatcher.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * When a failed delivery is tried again: small functions of the attempt number, the receiver's {@code Retry-After}
 * and a random source (injected, so tests fix it).
 */
final class RetryPolicy {

    /** The longest wait a receiver's {@code Retry-After} can ask for. */
    static final Duration RETRY_AFTER_CAP = Duration.ofHours(24);

    private final List<Duration> delays;
    private final double jitter;
    private final RandomGenerator random;

    /**
     * @param delays the wait after the first, second, … failed attempt; past the list the last one repeats
     * @param jitter the largest share of a wait added or taken away at random (0.1 = ± 10 %), so that deliveries
     *               failed together do not all come back in the same instant
     */
    RetryPolicy(List<Duration> delays, double jitter, RandomGenerator random) {
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("at least one retry delay is needed");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("retry jitter must be at least 0 and below 1, not " + jitter);
        }
        this.delays = List.copyOf(delays);
        this.jitter = jitter;
        this.random = random;
    }

    /** The scheduled wait after the given failed attempt (1 for the first), before jitter. */
    Duration delayAfter(int failedAttempt) {
        return delays.get(Math.min(Math.max(failedAttempt, 1), delays.size()) - 1);
    }

    /** The scheduled wait with jitter: within ± {@code jitter} of it. */
    Duration jittered(Duration scheduled) {
        if (jitter == 0) {
            return scheduled;
        }
        double factor = 1 + jitter * (2 * random.nextDouble() - 1);
        return Duration.ofMillis(Math.round(scheduled.toMillis() * factor));
    }

    /**
     * The wait a {@code Retry-After} header asks for (delta-seconds or an HTTP date), clamped to 0..24 h; empty when
     * the header is missing or unreadable.
     */
    static Optional<Duration> retryAfter(String header, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.empty();
        }
        Duration asked;
        try {
            asked = Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException notSeconds) {
            try {
                asked = Duration.between(now, ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
        if (asked.isNegative()) {
            asked = Duration.ZERO;
        }
        return Optional.of(asked.compareTo(RETRY_AFTER_CAP) > 0 ? RETRY_AFTER_CAP : asked);
    }

    /** The wait before the next attempt: the schedule's with jitter, or later if the receiver asked for later. */
    Duration nextDelay(int failedAttempt, Optional<Duration> retryAfter) {
        Duration scheduled = jittered(delayAfter(failedAttempt));
        return retryAfter.filter(asked -> asked.compareTo(scheduled) > 0).orElse(scheduled);
    }
}
