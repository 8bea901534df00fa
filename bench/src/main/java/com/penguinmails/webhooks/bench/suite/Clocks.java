package com.penguinmails.webhooks.bench.suite;

import java.time.Instant;

/** Wall-clock microseconds, the unit of the timestamp each event carries from its submission to its receipt. */
final class Clocks {

    private Clocks() {
    }

    static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
