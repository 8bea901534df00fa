package com.penguinmails.webhooks.dispatcher.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The call duration an endpoint's queue is sized by. */
class CallLatencyTests {

    private final CallLatency latency = new CallLatency();

    @Test
    void knowsNothingBeforeACallWasAnswered() {
        assertThat(latency.completedIn(2000, 64)).isZero();
    }

    @Test
    void turnsTheTypicalDurationIntoCallsCompletedInAGivenTime() {
        latency.record(10);
        // 64 calls at a time, 10 ms each: 6,400 a second, 12,800 in 2 s
        assertThat(latency.completedIn(2000, 64)).isEqualTo(12_800);
    }

    @Test
    void followsAnEndpointThatSlowsDownWithoutForgettingAtOnce() {
        latency.record(10);
        latency.record(1010); // one slow call moves the average a tenth of the way: 110 ms
        assertThat(latency.completedIn(1100, 1)).isEqualTo(10);
        for (int i = 0; i < 100; i++) {
            latency.record(1000);
        }
        assertThat(latency.completedIn(2000, 64)).isBetween(127L, 128L);
    }
}
