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
