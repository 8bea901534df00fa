package com.penguinmails.webhooks.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import com.penguinmails.webhooks.model.AttemptOutcome;
import com.penguinmails.webhooks.model.AttemptRecord;

class DeliveryMetricsTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeliveryMetrics metrics = new DeliveryMetrics(registry);

    @Test
    void countsAttemptsByOutcomeAndStatusClassWithTheirDuration() {
        metrics.attempted(attempt(AttemptOutcome.DELIVERED, 200, 40, false));
        metrics.attempted(attempt(AttemptOutcome.DELIVERED, 204, 60, false));
        metrics.attempted(attempt(AttemptOutcome.RETRY_SCHEDULED, 503, 10, false));
        metrics.attempted(attempt(AttemptOutcome.DEAD_LETTERED, null, 5000, false));

        var delivered = registry.get(DeliveryMetrics.ATTEMPTS).tag("outcome", "delivered").tag("status_class", "2xx").timer();
        assertThat(delivered.count()).isEqualTo(2);
        assertThat(delivered.totalTime(java.util.concurrent.TimeUnit.MILLISECONDS)).isEqualTo(100);
        assertThat(registry.get(DeliveryMetrics.ATTEMPTS).tag("outcome", "retry_scheduled").tag("status_class", "5xx").timer().count()).isEqualTo(1);
        assertThat(registry.get(DeliveryMetrics.ATTEMPTS).tag("outcome", "dead_lettered").tag("status_class", "none").timer().count()).isEqualTo(1);
    }

    @Test
    void leavesOutSkippedDeliveriesAndTestSends() {
        metrics.attempted(attempt(AttemptOutcome.SKIPPED, null, 0, false));
        metrics.attempted(attempt(AttemptOutcome.DELIVERED, 200, 3, true));

        assertThat(registry.find(DeliveryMetrics.ATTEMPTS).timers()).isEmpty();
    }

    @Test
    void registersEveryCounterAtStartUnderItsName() {
        assertThat(registry.get("penguin.dispatcher.deferred").tag("reason", "endpoint_saturated").counter().count()).isZero();
        assertThat(registry.get("penguin.dispatcher.deferred").tag("reason", "workspace_rate_limited").counter().count()).isZero();
        assertThat(registry.get("penguin.dispatcher.circuit.open.attempts").counter().count()).isZero();
        assertThat(registry.get("penguin.dispatcher.handed.off").counter().count()).isZero();
        assertThat(registry.get("penguin.dispatcher.dead.letters").counter().count()).isZero();
    }

    @Test
    void countsDeferralsByReasonHandOffsAndDeadLetters() {
        metrics.deferred(DeliveryOutcome.Deferred.Reason.ENDPOINT_SATURATED);
        metrics.deferred(DeliveryOutcome.Deferred.Reason.WORKSPACE_RATE_LIMITED);
        metrics.deferred(DeliveryOutcome.Deferred.Reason.WORKSPACE_RATE_LIMITED);
        metrics.handedOff();
        metrics.deadLettered();

        assertThat(registry.get("penguin.dispatcher.deferred").tag("reason", "endpoint_saturated").counter().count()).isEqualTo(1);
        assertThat(registry.get("penguin.dispatcher.deferred").tag("reason", "workspace_rate_limited").counter().count()).isEqualTo(2);
        assertThat(registry.get("penguin.dispatcher.handed.off").counter().count()).isEqualTo(1);
        assertThat(registry.get("penguin.dispatcher.dead.letters").counter().count()).isEqualTo(1);
    }

    @Test
    void countsAttemptsFailedAtOnceByAnOpenCircuit() {
        metrics.attempted(attempt(AttemptOutcome.RETRY_SCHEDULED, null, 0, false, "circuit_open"));
        metrics.attempted(attempt(AttemptOutcome.RETRY_SCHEDULED, null, 5000, false, "timeout"));

        assertThat(registry.get("penguin.dispatcher.circuit.open.attempts").counter().count()).isEqualTo(1);
        assertThat(registry.get(DeliveryMetrics.ATTEMPTS).tag("outcome", "retry_scheduled").tag("status_class", "none").timer().count()).isEqualTo(2);
    }

    private static AttemptRecord attempt(AttemptOutcome outcome, Integer status, long millis, boolean test) {
        return attempt(outcome, status, millis, test, null);
    }

    private static AttemptRecord attempt(AttemptOutcome outcome, Integer status, long millis, boolean test, String errorClass) {
        return new AttemptRecord("dlv_1", "wh_1", "ws_1", "evt_1", "email.opened", 1, 6, outcome, "https://example.com",
                status, millis, null, errorClass, Map.of(), Map.of(), null, false, Instant.EPOCH, null, test, null);
    }
}
