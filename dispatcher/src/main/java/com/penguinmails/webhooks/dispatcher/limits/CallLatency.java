package com.penguinmails.webhooks.dispatcher.limits;

import java.util.concurrent.atomic.AtomicLong;

/**
 * An endpoint's typical call duration, a moving average of its answered calls (each new one weighs a tenth), kept
 * lock-free. With the endpoint's concurrency it says how many calls the endpoint completes in a given time (Little's
 * law), whether it is busy now or not: a measure of capacity, where a count of recent completions would measure
 * demand.
 */
final class CallLatency {

    private static final double WEIGHT = 0.1;
    private static final long NONE = Double.doubleToLongBits(-1);

    private final AtomicLong averageMillis = new AtomicLong(NONE);

    void record(long durationMillis) {
        double sample = Math.max(1, durationMillis);
        averageMillis.updateAndGet(bits -> {
            double average = Double.longBitsToDouble(bits);
            return Double.doubleToLongBits(average < 0 ? sample : average + WEIGHT * (sample - average));
        });
    }

    /** The calls {@code concurrency} parallel calls complete in {@code millis}; 0 before any call was answered. */
    long completedIn(long millis, int concurrency) {
        double average = Double.longBitsToDouble(averageMillis.get());
        return average < 0 ? 0 : (long) (concurrency * millis / average);
    }
}
