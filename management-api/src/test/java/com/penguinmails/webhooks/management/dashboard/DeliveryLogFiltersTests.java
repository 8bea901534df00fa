package com.penguinmails.webhooks.management.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class DeliveryLogFiltersTests {

    private static final Instant NOW = Instant.parse("2026-11-24T12:00:00Z");

    @Test
    void defaultsToTheLastSevenDays() {
        DeliveryLogFilters filters = DeliveryLogFilters.of(null, null, null, null, null, null, false, NOW);

        assertThat(filters.range()).isEqualTo("7d");
        assertThat(filters.apiFrom()).isEqualTo("2026-11-17T12:00:00Z");
        assertThat(filters.apiTo()).isNull();
    }

    @Test
    void aTypedTimeWithoutARangeIsACustomRangeInUtc() {
        DeliveryLogFilters filters = DeliveryLogFilters.of(null, null, null, "2026-11-20T08:30", " ", null, false, NOW);

        assertThat(filters.range()).isEqualTo("custom");
        assertThat(filters.apiFrom()).isEqualTo("2026-11-20T08:30Z");
        assertThat(filters.apiTo()).isNull();
    }

    @Test
    void allTimeAsksForNoWindowAndPresetsIgnoreTypedTimes() {
        assertThat(DeliveryLogFilters.of(null, null, "all", null, null, null, false, NOW).apiFrom()).isNull();
        DeliveryLogFilters day = DeliveryLogFilters.of(null, null, "24h", "2026-11-01T00:00", null, null, false, NOW);
        assertThat(day.apiFrom()).isEqualTo("2026-11-23T12:00:00Z");
        assertThat(day.from()).isNull();
        assertThat(DeliveryLogFilters.of(null, null, "fortnight", null, null, null, false, NOW).range()).isEqualTo("7d");
    }

    @Test
    void thePolledTableAndTheNextPageKeepEveryFilter() {
        DeliveryLogFilters filters = DeliveryLogFilters.of("failed", "email.opened", "30d", null, null, "a@b.c", true, NOW);

        assertThat(filters.rowsUrl("wh_1", "abc")).isEqualTo("/dashboard/settings/webhooks/wh_1/deliveries/rows"
                + "?status=failed&event_type=email.opened&range=30d&search=a@b.c&include_archived=true&seen=abc");
        assertThat(filters.pageUrl("wh_1", "c1")).contains("range=30d").contains("status=failed").endsWith("cursor=c1");
        // the export gets the window as resolved now, in the API's terms
        assertThat(filters.csvUrl("wh_1")).contains("from=2026-10-25T12:00:00Z").doesNotContain("range=");
    }
}
