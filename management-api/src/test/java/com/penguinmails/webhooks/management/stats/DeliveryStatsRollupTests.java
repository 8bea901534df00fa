package com.penguinmails.webhooks.management.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.penguinmails.webhooks.model.AttemptOutcome;
import com.penguinmails.webhooks.model.AttemptRecord;

class DeliveryStatsRollupTests {

    private static final Instant AT = Instant.parse("2026-11-24T08:15:00Z");

    @Test
    void sumsAttemptsPerWebhookAndUtcMinuteInKeyOrder() {
        List<MinuteRollup> rows = DeliveryStatsRollup.rollUp(List.of(
                attempt("wh_b", AT.plusSeconds(5), AttemptOutcome.DELIVERED, 120),
                attempt("wh_a", AT.plusSeconds(59), AttemptOutcome.RETRY_SCHEDULED, 3_000),
                attempt("wh_a", AT.plusSeconds(1), AttemptOutcome.DEAD_LETTERED, 30_500),
                attempt("wh_a", AT.plusSeconds(60), AttemptOutcome.DELIVERED, 7)));

        assertThat(rows).extracting(row -> row.webhookId() + "@" + row.minute())
                .containsExactly("wh_a@2026-11-24T08:15:00Z", "wh_a@2026-11-24T08:16:00Z", "wh_b@2026-11-24T08:15:00Z");
        MinuteRollup first = rows.getFirst();
        assertThat(List.of(first.sent(), first.delivered(), first.failed(), first.deadLettered())).containsExactly(2, 0, 2, 1);
        assertThat(first.durationSumMillis()).isEqualTo(33_500);
        assertThat(first.maxDurationMillis()).isEqualTo(30_500);
        assertThat(first.latencyBuckets()[LatencyHistogram.bucket(3_000)]).isEqualTo(1);
        assertThat(first.latencyBuckets()[LatencyHistogram.BUCKETS - 1]).isEqualTo(1);
        assertThat(rows.get(1).delivered()).isEqualTo(1);
    }

    @Test
    void leavesSkippedAttemptsOut() {
        assertThat(DeliveryStatsRollup.rollUp(List.of(attempt("wh_a", AT, AttemptOutcome.SKIPPED, 0)))).isEmpty();
    }

    private static AttemptRecord attempt(String webhookId, Instant at, AttemptOutcome outcome, long durationMillis) {
        return new AttemptRecord("dlv_1", webhookId, "ws_1", "evt_1", "email.opened", 1, 5, outcome, "https://example.com",
                outcome == AttemptOutcome.DELIVERED ? 200 : 500, durationMillis, null, null, Map.of(), Map.of(), null, false, at, null, false, null);
    }

    @Test
    void leavesTestSendsOut() {
        Instant at = Instant.parse("2026-11-24T10:00:30Z");
        AttemptRecord real = attempt("wh_1", at, AttemptOutcome.DELIVERED, 20);
        AttemptRecord test = new AttemptRecord("dlv_t", "wh_1", "ws_1", "evt_test_1", "email.opened", 1, 1, AttemptOutcome.DEAD_LETTERED,
                "https://example.com", 500, 30, "HTTP 500", "http_status", Map.of(), Map.of(), null, false, at, null, true, "{}");
        assertThat(DeliveryStatsRollup.rollUp(List.of(real, test))).singleElement()
                .satisfies(row -> assertThat(row.sent()).isEqualTo(1));
    }
}
