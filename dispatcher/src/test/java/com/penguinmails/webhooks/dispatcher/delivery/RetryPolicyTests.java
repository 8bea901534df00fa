package com.penguinmails.webhooks.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.penguinmails.webhooks.model.Topics.RetryTier;

class RetryPolicyTests {

    private final RetryPolicy policy = new RetryPolicy(List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(24)));

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

    @Test
    void waitsOnTheShortestTierAtLeastAsLongAsTheDelay() {
        assertThat(RetryPolicy.tierFor(Duration.ofMinutes(1))).isEqualTo(RetryTier.ONE_MINUTE);
        assertThat(RetryPolicy.tierFor(Duration.ofSeconds(1))).isEqualTo(RetryTier.ONE_MINUTE);
        assertThat(RetryPolicy.tierFor(Duration.ofMinutes(5))).isEqualTo(RetryTier.FIVE_MINUTES);
        assertThat(RetryPolicy.tierFor(Duration.ofMinutes(30))).isEqualTo(RetryTier.ONE_HOUR);
        assertThat(RetryPolicy.tierFor(Duration.ofHours(24))).isEqualTo(RetryTier.ONE_DAY);
        assertThat(RetryPolicy.tierFor(Duration.ofDays(3))).isEqualTo(RetryTier.ONE_DAY);
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
    void needsAtLeastOneDelay() {
        assertThatThrownBy(() -> new RetryPolicy(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
