package com.penguinmails.webhooks.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import com.penguinmails.webhooks.model.AttemptOutcome;
import com.penguinmails.webhooks.model.AttemptRecord;

class AttemptMetricsTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AttemptMetrics metrics = new AttemptMetrics(registry);

    @Test
    void countsAttemptsByOutcomeAndStatusClassWithTheirDuration() {
        metrics.record(attempt(AttemptOutcome.DELIVERED, 200, 40, false));
        metrics.record(attempt(AttemptOutcome.DELIVERED, 204, 60, false));
        metrics.record(attempt(AttemptOutcome.RETRY_SCHEDULED, 503, 10, false));
        metrics.record(attempt(AttemptOutcome.DEAD_LETTERED, null, 5000, false));

        var delivered = registry.get(AttemptMetrics.NAME).tag("outcome", "delivered").tag("status_class", "2xx").timer();
        assertThat(delivered.count()).isEqualTo(2);
        assertThat(delivered.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(100);
        assertThat(registry.get(AttemptMetrics.NAME).tag("outcome", "retry_scheduled").tag("status_class", "5xx").timer().count()).isEqualTo(1);
        assertThat(registry.get(AttemptMetrics.NAME).tag("outcome", "dead_lettered").tag("status_class", "none").timer().count()).isEqualTo(1);
    }

    @Test
    void leavesOutSkippedDeliveriesAndTestSends() {
        metrics.record(attempt(AttemptOutcome.SKIPPED, null, 0, false));
        metrics.record(attempt(AttemptOutcome.DELIVERED, 200, 3, true));

        assertThat(registry.find(AttemptMetrics.NAME).timers()).isEmpty();
    }

    @Test
    void classifiesStatusCodes() {
        assertThat(AttemptMetrics.statusClass(200)).isEqualTo("2xx");
        assertThat(AttemptMetrics.statusClass(302)).isEqualTo("3xx");
        assertThat(AttemptMetrics.statusClass(429)).isEqualTo("4xx");
        assertThat(AttemptMetrics.statusClass(599)).isEqualTo("5xx");
        assertThat(AttemptMetrics.statusClass(null)).isEqualTo("none");
        assertThat(AttemptMetrics.statusClass(0)).isEqualTo("none");
        assertThat(AttemptMetrics.statusClass(600)).isEqualTo("none");
    }

    private static AttemptRecord attempt(AttemptOutcome outcome, Integer status, long millis, boolean test) {
        return new AttemptRecord("dlv_1", "wh_1", "ws_1", "evt_1", "email.opened", 1, 6, outcome, "https://example.com",
                status, millis, null, null, Map.of(), Map.of(), null, false, Instant.EPOCH, null, test, null);
    }
}
