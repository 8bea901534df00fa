package com.penguinmails.webhooks.management.stats;

import java.util.Arrays;

/**
 * The fixed, roughly log-scale response-time buckets of the rollups (each bound about 1.5 times the one before), and
 * the p95 read from their counts. Fixed bounds make two rollups addable element by element, in SQL as in Java; the
 * price is a p95 that is the upper bound of its bucket, up to 1.67 times the exact value (capped by the longest
 * duration seen, so never above it).
 */
final class LatencyHistogram {

    /** Inclusive upper bounds in milliseconds; one more bucket holds everything longer than the last. */
    static final long[] BOUNDS_MILLIS = {5, 10, 15, 25, 40, 60, 100, 150, 250, 400, 600, 1_000, 1_500, 2_500, 4_000,
            6_000, 10_000, 15_000, 20_000, 30_000};
    /** Buckets a rollup row holds: one per bound and the overflow bucket. */
    static final int BUCKETS = BOUNDS_MILLIS.length + 1;

    private LatencyHistogram() {
    }

    /** The 0-based bucket of a duration. */
    static int bucket(long durationMillis) {
        int found = Arrays.binarySearch(BOUNDS_MILLIS, durationMillis);
        return found >= 0 ? found : -found - 1;
    }

    /**
     * The 95th percentile: the upper bound of the bucket holding the ⌈0.95·n⌉-th shortest duration, or the longest
     * duration seen when that is smaller (always so in the overflow bucket). Null without any duration.
     */
    static Long p95(long[] counts, long maxDurationMillis) {
        long total = Arrays.stream(counts).sum();
        if (total == 0) {
            return null;
        }
        long rank = (total * 95 + 99) / 100;
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return i < BOUNDS_MILLIS.length ? Math.min(BOUNDS_MILLIS[i], maxDurationMillis) : maxDurationMillis;
            }
        }
        throw new IllegalStateException("unreachable: the counts add up to " + total);
    }
}
