package com.penguinmails.webhooks.management.stats;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * The spans the stats cover, at a given moment, in whole UTC minutes (what the rollups hold): the last 24 hours are
 * the 1,440 minutes up to and including the current one; days are UTC days, today included.
 *
 * @param since  the first minute of the last 24 hours
 * @param until  the end of the current minute (exclusive)
 * @param today  the current UTC day
 */
record StatsWindow(Instant since, Instant until, LocalDate today) {

    static final Duration LAST_DAY = Duration.ofHours(24);
    /** Days of the daily series, today included. */
    static final int DAYS = 7;

    static StatsWindow at(Instant now) {
        Instant until = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        return new StatsWindow(until.minus(LAST_DAY), until, LocalDate.ofInstant(now, ZoneOffset.UTC));
    }

    Instant startOf(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first day of the daily series. */
    LocalDate firstDay() {
        return today.minusDays(DAYS - 1);
    }
}
