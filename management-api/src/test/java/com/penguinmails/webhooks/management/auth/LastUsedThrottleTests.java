package com.penguinmails.webhooks.management.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class LastUsedThrottleTests {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private final LastUsedThrottle throttle = new LastUsedThrottle(Duration.ofMinutes(1));

    @Test
    void writesTheFirstUseOfAKey() {
        assertThat(throttle.shouldWrite("key_a", T0)).isTrue();
    }

    @Test
    void skipsFurtherUsesWithinTheMinute() {
        throttle.shouldWrite("key_a", T0);
        assertThat(throttle.shouldWrite("key_a", T0)).isFalse();
        assertThat(throttle.shouldWrite("key_a", T0.plusSeconds(59))).isFalse();
    }

    @Test
    void writesAgainOnceTheMinuteHasPassedAndCountsFromThatWrite() {
        throttle.shouldWrite("key_a", T0);
        assertThat(throttle.shouldWrite("key_a", T0.plusSeconds(60))).isTrue();
        assertThat(throttle.shouldWrite("key_a", T0.plusSeconds(100))).isFalse();
        assertThat(throttle.shouldWrite("key_a", T0.plusSeconds(120))).isTrue();
    }

    @Test
    void throttlesEachKeyOnItsOwn() {
        throttle.shouldWrite("key_a", T0);
        assertThat(throttle.shouldWrite("key_b", T0.plusSeconds(1))).isTrue();
    }
}
