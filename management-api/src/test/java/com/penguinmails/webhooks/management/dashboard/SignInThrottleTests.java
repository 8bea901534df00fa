package com.penguinmails.webhooks.management.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class SignInThrottleTests {

    private final MovableClock clock = new MovableClock();
    private final SignInThrottle throttle = new SignInThrottle(clock);

    @Test
    void locksAnAddressAfterFiveFailuresAndLetsOneMoreTryEveryThreeMinutes() {
        for (int i = 0; i < SignInThrottle.MAX_FAILURES; i++) {
            assertThat(throttle.lockedFor("ada@example.com")).as("before failure %d", i + 1).isZero();
            throttle.failed("ada@example.com");
        }
        assertThat(throttle.lockedFor("ada@example.com")).isEqualTo(Duration.ofMinutes(3));
        // the same address however it is typed; another address is not affected
        assertThat(throttle.lockedFor("  ADA@Example.com ")).isPositive();
        assertThat(throttle.lockedFor("grace@example.com")).isZero();

        clock.advance(Duration.ofMinutes(2));
        assertThat(throttle.lockedFor("ada@example.com")).isEqualTo(Duration.ofMinutes(1));
        clock.advance(Duration.ofMinutes(1));
        assertThat(throttle.lockedFor("ada@example.com")).isZero();
        throttle.failed("ada@example.com");
        assertThat(throttle.lockedFor("ada@example.com")).isEqualTo(Duration.ofMinutes(3));
    }

    @Test
    void aSuccessfulSignInClearsTheCount() {
        for (int i = 0; i < SignInThrottle.MAX_FAILURES - 1; i++) {
            throttle.failed("ada@example.com");
        }
        throttle.succeeded("Ada@example.com");
        for (int i = 0; i < SignInThrottle.MAX_FAILURES - 1; i++) {
            throttle.failed("ada@example.com");
        }
        assertThat(throttle.lockedFor("ada@example.com")).isZero();
        throttle.failed("ada@example.com");
        assertThat(throttle.lockedFor("ada@example.com")).isPositive();
    }

    /** A clock the test moves. */
    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-11-24T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
