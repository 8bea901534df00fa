package com.penguinmails.webhooks.dispatcher.delivery;

import java.time.Duration;
import java.util.List;

import com.penguinmails.webhooks.model.Topics.RetryTier;

/** When a failed delivery is tried again, and on which delay topic it waits: small pure functions. */
final class RetryPolicy {

    private final List<Duration> delays;

    RetryPolicy(List<Duration> delays) {
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("at least one retry delay is needed");
        }
        this.delays = List.copyOf(delays);
    }

    /** The wait after the given failed attempt (1 for the first); past the list, the last delay repeats. */
    Duration delayAfter(int failedAttempt) {
        return delays.get(Math.min(Math.max(failedAttempt, 1), delays.size()) - 1);
    }

    /** The longest wait a receiver's {@code Retry-After} can ask for. */
    static final Duration RETRY_AFTER_CAP = Duration.ofHours(24);

    /**
     * The wait a {@code Retry-After} header asks for (delta-seconds or an HTTP date), clamped to 0..24 h; empty when
     * the header is missing or unreadable.
     */
    static java.util.Optional<Duration> retryAfter(String header, java.time.Instant now) {
        if (header == null || header.isBlank()) {
            return java.util.Optional.empty();
        }
        Duration asked;
        try {
            asked = Duration.ofSeconds(Long.parseLong(header.trim()));
        } catch (NumberFormatException notSeconds) {
            try {
                asked = Duration.between(now, java.time.ZonedDateTime.parse(header.trim(),
                        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            } catch (java.time.format.DateTimeParseException notDate) {
                return java.util.Optional.empty();
            }
        }
        if (asked.isNegative()) {
            asked = Duration.ZERO;
        }
        return java.util.Optional.of(asked.compareTo(RETRY_AFTER_CAP) > 0 ? RETRY_AFTER_CAP : asked);
    }

    /** The wait before the next attempt: the schedule's, or later if the receiver asked for later. */
    Duration nextDelay(int failedAttempt, java.util.Optional<Duration> retryAfter) {
        Duration scheduled = delayAfter(failedAttempt);
        return retryAfter.filter(asked -> asked.compareTo(scheduled) > 0).orElse(scheduled);
    }

    /**
     * The delay topic for a wait: the shortest tier at least as long, so that records in one tier stay in due order
     * when the delays are the tiers' own (the default schedule); the longest tier for anything longer.
     */
    static RetryTier tierFor(Duration delay) {
        for (RetryTier tier : RetryTier.values()) {
            if (delay.compareTo(tier.delay()) <= 0) {
                return tier;
            }
        }
        return RetryTier.values()[RetryTier.values().length - 1];
    }
}
