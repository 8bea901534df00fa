package com.penguinmails.webhooks.management.replay;

import java.time.Duration;

/**
 * How fast a replay goes: batches of at most a second's worth of events (and never more than the configured batch
 * size), each followed by the pause that keeps the job at its rate.
 *
 * @param eventsPerSecond the job's rate
 * @param maxBatch        the configured batch size
 */
record ReplayPace(int eventsPerSecond, int maxBatch) {

    ReplayPace {
        if (eventsPerSecond < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("a replay's pace needs a rate and a batch size of at least 1");
        }
    }

    /** How many events the next batch reads. */
    int batchSize() {
        return Math.min(maxBatch, eventsPerSecond);
    }

    /** How long to wait after a batch of {@code handled} events before the next one may start. */
    Duration pauseAfter(int handled) {
        return Duration.ofNanos(Math.max(1, handled) * 1_000_000_000L / eventsPerSecond);
    }
}
