package com.penguinmails.webhooks.management.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ReplayPaceTests {

    @Test
    void readsTheConfiguredBatchWhenTheRateAllowsMore() {
        assertThat(new ReplayPace(1000, 500).batchSize()).isEqualTo(500);
    }

    @Test
    void readsAtMostOneSecondsWorthAtASlowRate() {
        assertThat(new ReplayPace(2, 500).batchSize()).isEqualTo(2);
    }

    @Test
    void pausesAfterABatchForTheTimeItsEventsAreWorthAtTheRate() {
        assertThat(new ReplayPace(1000, 500).pauseAfter(500)).isEqualTo(Duration.ofMillis(500));
        assertThat(new ReplayPace(3, 500).pauseAfter(3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(new ReplayPace(4, 500).pauseAfter(1)).isEqualTo(Duration.ofMillis(250));
    }

    @Test
    void refusesARateBelowOne() {
        assertThatThrownBy(() -> new ReplayPace(0, 500)).isInstanceOf(IllegalArgumentException.class);
    }
}
