package com.penguinmails.webhooks.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import java.util.random.RandomGenerator;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class RetryPolicyTests {

    private static final List<Duration> SCHEDULE = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(24));
    private final RetryPolicy policy = new RetryPolicy(SCHEDULE, 0, fixed(0.5));

    @Test
    void retriesAfterOneMinuteOnFirstFailure() {
        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void retriesAfterFiveMinutesOnSecondFailure() {
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void repeatsTheLastDelayPastTheSchedule() {
        assertThat(policy.delayAfter(5)).isEqualTo(Duration.ofHours(24));
        assertThat(policy.delayAfter(9)).isEqualTo(Duration.ofHours(24));
    }

    /** Jitter stays within ± 10 % whatever the random source says, and reaches both ends. */
    @Property(tries = 200)
    void jittersWithinTheBounds(@ForAll @IntRange(min = 1, max = 8) int failedAttempt,
                                @ForAll @net.jqwik.api.constraints.DoubleRange(min = 0, max = 1, maxIncluded = false) double draw) {
        RetryPolicy jittered = new RetryPolicy(SCHEDULE, 0.1, fixed(draw));
        Duration scheduled = policy.delayAfter(failedAttempt);
        Duration delay = jittered.nextDelay(failedAttempt, java.util.Optional.empty());
        assertThat(delay.toMillis()).isBetween(Math.round(scheduled.toMillis() * 0.9), Math.round(scheduled.toMillis() * 1.1));
    }

    @Test
    void jitterReachesBothEnds() {
        assertThat(new RetryPolicy(SCHEDULE, 0.1, fixed(0)).nextDelay(1, java.util.Optional.empty())).isEqualTo(Duration.ofSeconds(54));
        assertThat(new RetryPolicy(SCHEDULE, 0.1, fixed(0.999999)).nextDelay(1, java.util.Optional.empty()).toMillis()).isEqualTo(66_000);
        assertThat(new RetryPolicy(SCHEDULE, 0.1, fixed(0.5)).nextDelay(2, java.util.Optional.empty())).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void followsTheV1ScheduleOfSpec003() {
        RetryPolicy v1 = new RetryPolicy(List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30)), 0, fixed(0.5));
        assertThat(List.of(v1.delayAfter(1), v1.delayAfter(2), v1.delayAfter(3)))
                .containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30));
    }

    @Test
    void readsRetryAfterAsSecondsOrAnHttpDateClampedToADay() {
        java.time.Instant now = java.time.Instant.parse("2026-11-24T10:00:00Z");
        assertThat(RetryPolicy.retryAfter("120", now)).contains(Duration.ofMinutes(2));
        assertThat(RetryPolicy.retryAfter("Tue, 24 Nov 2026 10:05:00 GMT", now)).contains(Duration.ofMinutes(5));
        assertThat(RetryPolicy.retryAfter("Tue, 24 Nov 2026 09:00:00 GMT", now)).contains(Duration.ZERO);
        assertThat(RetryPolicy.retryAfter("999999", now)).contains(Duration.ofHours(24));
        assertThat(RetryPolicy.retryAfter("-5", now)).contains(Duration.ZERO);
        assertThat(RetryPolicy.retryAfter("soon", now)).isEmpty();
        assertThat(RetryPolicy.retryAfter(null, now)).isEmpty();
    }

    @Test
    void waitsForRetryAfterOnlyWhenItIsLaterThanTheSchedule() {
        assertThat(policy.nextDelay(1, java.util.Optional.of(Duration.ofMinutes(3)))).isEqualTo(Duration.ofMinutes(3));
        assertThat(policy.nextDelay(2, java.util.Optional.of(Duration.ofMinutes(3)))).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.nextDelay(1, java.util.Optional.empty())).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void needsAtLeastOneDelayAndASaneJitter() {
        assertThatThrownBy(() -> new RetryPolicy(List.of(), 0, fixed(0))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(SCHEDULE, 1.5, fixed(0))).hasMessageContaining("jitter");
    }

    /** A random source that always draws the same number. */
    private static RandomGenerator fixed(double draw) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public double nextDouble() {
                return draw;
            }
        };
    }
}
