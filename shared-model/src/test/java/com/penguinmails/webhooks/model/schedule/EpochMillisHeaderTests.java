package com.penguinmails.webhooks.model.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class EpochMillisHeaderTests {

    @Test
    void writesWholeMillisecondsAsTheyAre() {
        Instant at = Instant.parse("2026-11-24T10:00:07.123Z");
        assertThat(new String(EpochMillisHeader.encode(at), StandardCharsets.US_ASCII)).isEqualTo(Long.toString(at.toEpochMilli()));
        assertThat(EpochMillisHeader.decode(EpochMillisHeader.encode(at))).isEqualTo(at);
    }

    @Test
    void roundsAFractionOfAMillisecondUpSoItIsNeverReadBackEarly() {
        Instant at = Instant.parse("2026-11-24T10:00:07.123000001Z");
        assertThat(EpochMillisHeader.decode(EpochMillisHeader.encode(at))).isEqualTo(Instant.parse("2026-11-24T10:00:07.124Z"));
        Instant micros = Instant.parse("2026-11-24T10:00:07.999456Z");
        assertThat(EpochMillisHeader.decode(EpochMillisHeader.encode(micros))).isEqualTo(Instant.parse("2026-11-24T10:00:08Z"));
    }

    @Test
    void refusesAnythingButDigits() {
        assertThatThrownBy(() -> EpochMillisHeader.decode("12a".getBytes(StandardCharsets.US_ASCII))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EpochMillisHeader.decode("-5".getBytes(StandardCharsets.US_ASCII))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EpochMillisHeader.decode(new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EpochMillisHeader.decode(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EpochMillisHeader.decode("1234567890123456789".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
