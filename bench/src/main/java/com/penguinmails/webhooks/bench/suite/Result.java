package com.penguinmails.webhooks.bench.suite;

import org.HdrHistogram.Histogram;

/**
 * One scenario's figures.
 *
 * @param offered        the load offered, in words
 * @param expected       deliveries that should reach the healthy receivers
 * @param perSecond      healthy deliveries received inside the measured window, per second
 * @param latency        submission → receipt, microseconds, for events submitted inside the window
 * @param machineBusy    share of both cores busy during the window (everything on the machine)
 * @param timeline       healthy deliveries received in each second from the run's start
 */
record Result(String scenario, String offered, long events, long expected, long received, long duplicates,
              double windowSeconds, double perSecond, Histogram latency, double machineBusy, long[] timeline, String note) {

    long lost() {
        return Math.max(0, expected - received);
    }

    double percentileMillis(double percentile) {
        return latency == null || latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxMillis() {
        return latency == null || latency.getTotalCount() == 0 ? Double.NaN : latency.getMaxValue() / 1000.0;
    }
}
