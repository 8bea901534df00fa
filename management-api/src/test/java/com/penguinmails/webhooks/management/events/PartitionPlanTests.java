package com.penguinmails.webhooks.management.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

class PartitionPlanTests {

    private static final Duration RETENTION = Duration.ofDays(30);

    @Test
    void namesAPartitionAfterItsUtcDay() {
        assertThat(PartitionPlan.name(LocalDate.of(2026, 11, 24))).isEqualTo("webhook_events_20261124");
        assertThat(PartitionPlan.day("webhook_events_20261124")).contains(LocalDate.of(2026, 11, 24));
        // 23:30 at -05:00 is already the next UTC day
        assertThat(PartitionPlan.day(Instant.parse("2026-11-24T23:30:00-05:00"))).isEqualTo(LocalDate.of(2026, 11, 25));
    }

    @Test
    void takesNoOtherTableForADayPartition() {
        assertThat(PartitionPlan.day("webhook_events_default")).isEmpty();
        assertThat(PartitionPlan.day("webhook_events_2026112")).isEmpty();
        assertThat(PartitionPlan.day("webhook_events_20261324")).isEmpty();
        assertThat(PartitionPlan.day("webhook_events_20261124_old")).isEmpty();
    }

    @Test
    void createsTodayAndTheDaysAheadThatAreMissing() {
        PartitionPlan plan = PartitionPlan.at(Instant.parse("2026-11-24T23:59:59Z"), 3, RETENTION,
                List.of("webhook_events_default", "webhook_events_20261125"));
        assertThat(plan.create()).containsExactly(LocalDate.of(2026, 11, 24), LocalDate.of(2026, 11, 26), LocalDate.of(2026, 11, 27));
        assertThat(plan.drop()).isEmpty();
    }

    @Test
    void dropsADayOnlyOnceAllOfItIsOlderThanTheRetention() {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        // now - 30 days = 2026-10-25T10:00Z: the 24th ended before it, the 25th has not
        assertThat(PartitionPlan.expired(LocalDate.of(2026, 10, 24), now, RETENTION)).isTrue();
        assertThat(PartitionPlan.expired(LocalDate.of(2026, 10, 25), now, RETENTION)).isFalse();
        assertThat(PartitionPlan.expired(LocalDate.of(2026, 10, 24), Instant.parse("2026-11-24T00:00:00Z"), RETENTION)).isTrue();
        assertThat(PartitionPlan.expired(LocalDate.of(2026, 10, 24), Instant.parse("2026-11-23T23:59:59Z"), RETENTION)).isFalse();

        PartitionPlan plan = PartitionPlan.at(now, 1, RETENTION, List.of("webhook_events_20261025", "webhook_events_default",
                "webhook_events_20261024", "webhook_events_20250101", "webhook_events_20261124", "webhook_events_20261125"));
        assertThat(plan.drop()).containsExactly("webhook_events_20250101", "webhook_events_20261024");
        assertThat(plan.create()).isEmpty();
    }
}
