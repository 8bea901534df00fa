package com.penguinmails.webhooks.management.stats;

/** The rates and averages the stats show, with null where nothing was sent (never NaN, never a made-up 100 %). */
final class StatsMath {

    private StatsMath() {
    }

    /**
     * Delivered attempts as a percentage of those sent, rounded down to two decimals, so that 100 means every attempt
     * was delivered; null when none was sent.
     */
    static Double successRate(long delivered, long sent) {
        return sent == 0 ? null : Math.floorDiv(delivered * 10_000, sent) / 100.0;
    }

    /** The mean duration in whole milliseconds (half up); null when none was sent. */
    static Long average(long durationSumMillis, long sent) {
        return sent == 0 ? null : Math.floorDiv(2 * durationSumMillis + sent, 2 * sent);
    }
}
