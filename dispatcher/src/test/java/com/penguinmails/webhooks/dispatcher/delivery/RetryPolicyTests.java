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
    void needsAtLeastOneDelay() {
        assertThatThrownBy(() -> new RetryPolicy(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
