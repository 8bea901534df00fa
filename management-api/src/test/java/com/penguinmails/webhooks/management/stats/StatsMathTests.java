package com.penguinmails.webhooks.management.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class StatsMathTests {

    @Test
    void successRateIsNullWhenNothingWasSent() {
        assertThat(StatsMath.successRate(0, 0)).isNull();
        assertThat(StatsMath.average(0, 0)).isNull();
    }

    @Test
    void successRateRoundsDownSoOnlyAllDeliveredShowsAHundred() {
        assertThat(StatsMath.successRate(9_999, 10_000)).isEqualTo(99.99);
        assertThat(StatsMath.successRate(99_999, 100_000)).isEqualTo(99.99);
        assertThat(StatsMath.successRate(3, 3)).isEqualTo(100.0);
        assertThat(StatsMath.successRate(1, 3)).isEqualTo(33.33);
    }

    @Test
    void averageRoundsHalfUpToWholeMilliseconds() {
        assertThat(StatsMath.average(3, 2)).isEqualTo(2);
        assertThat(StatsMath.average(5, 3)).isEqualTo(2);
        assertThat(StatsMath.average(4, 3)).isEqualTo(1);
    }

    @Test
    void lastDayIsTheFourteenHundredFortyMinutesUpToTheCurrentOne() {
        StatsWindow window = StatsWindow.at(Instant.parse("2026-11-24T00:10:42.5Z"));
        assertThat(window.until()).isEqualTo(Instant.parse("2026-11-24T00:11:00Z"));
        assertThat(window.since()).isEqualTo(Instant.parse("2026-11-23T00:11:00Z"));
        assertThat(window.today()).isEqualTo(LocalDate.parse("2026-11-24"));
        assertThat(window.firstDay()).isEqualTo(LocalDate.parse("2026-11-18"));
    }
}
