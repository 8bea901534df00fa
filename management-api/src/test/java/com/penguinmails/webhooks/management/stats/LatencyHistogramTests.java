package com.penguinmails.webhooks.management.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

class LatencyHistogramTests {

    @Test
    void putsADurationOnABoundInThatBoundsBucketAndOneAboveInTheNext() {
        assertThat(LatencyHistogram.bucket(0)).isEqualTo(0);
        assertThat(LatencyHistogram.bucket(5)).isEqualTo(0);
        assertThat(LatencyHistogram.bucket(6)).isEqualTo(1);
        assertThat(LatencyHistogram.bucket(1_000)).isEqualTo(11);
        assertThat(LatencyHistogram.bucket(30_000)).isEqualTo(19);
        assertThat(LatencyHistogram.bucket(30_001)).isEqualTo(20);
        assertThat(LatencyHistogram.BUCKETS).isEqualTo(21);
    }

    @Test
    void p95IsNullWithoutDurations() {
        assertThat(LatencyHistogram.p95(new long[LatencyHistogram.BUCKETS], 0)).isNull();
    }

    @Test
    void p95IsTheUpperBoundOfTheBucketHoldingTheNinetyFifthPercentile() {
        long[] counts = new long[LatencyHistogram.BUCKETS];
        counts[LatencyHistogram.bucket(90)] = 95;   // 95 of 100 up to 100 ms
        counts[LatencyHistogram.bucket(2_000)] = 5;
        assertThat(LatencyHistogram.p95(counts, 2_000)).isEqualTo(100);
        counts[LatencyHistogram.bucket(90)] = 94;   // now the 95th is in the 2,500 ms bucket, capped at the longest seen
        counts[LatencyHistogram.bucket(2_000)] = 6;
        assertThat(LatencyHistogram.p95(counts, 2_100)).isEqualTo(2_100);
    }

    @Test
    void p95IsTheLongestDurationInTheOverflowBucket() {
        long[] counts = new long[LatencyHistogram.BUCKETS];
        counts[LatencyHistogram.BUCKETS - 1] = 3;
        assertThat(LatencyHistogram.p95(counts, 45_000)).isEqualTo(45_000);
    }

    @Test
    void p95NeverFallsBelowTheExactValueNorAboveItsBucketsBound() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            long[] durations = random.longs(1 + random.nextInt(300), 0, 40_000).map(d -> d / (1 + random.nextInt(100))).toArray();
            long[] counts = new long[LatencyHistogram.BUCKETS];
            Arrays.stream(durations).forEach(d -> counts[LatencyHistogram.bucket(d)]++);
            Arrays.sort(durations);
            long exact = durations[(int) ((durations.length * 95L + 99) / 100) - 1];
            long p95 = LatencyHistogram.p95(counts, durations[durations.length - 1]);
            assertThat(p95).as("round %d", round).isGreaterThanOrEqualTo(exact);
            assertThat(LatencyHistogram.bucket(p95)).as("round %d", round).isEqualTo(LatencyHistogram.bucket(exact));
        }
    }
}
