package com.penguinmails.webhooks.dispatcher.delivery;

import java.time.Clock;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.model.AttemptRecord;
import com.penguinmails.webhooks.model.DeliveryTask;
import com.penguinmails.webhooks.model.Headers;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.schedule.DelayTiers;
import com.penguinmails.webhooks.model.schedule.EpochMillisHeader;
import reactor.core.publisher.Mono;

/**
 * Routes an outcome: the attempt record always goes to {@code webhooks.attempts}; a retry also goes to the delay
 * topics and an exhausted delivery to the dead-letter topic. Completes when the broker has acknowledged them all.
 */
@Component
class OutcomePublisher {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(OutcomePublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final DelayTiers tiers;
    private final Clock clock;
    private final Counter deadLetters;
    private final AttemptMetrics attempts;

    OutcomePublisher(KafkaTemplate<String, byte[]> kafka, DelayTiers tiers, Clock clock, MeterRegistry meters,
                     AttemptMetrics attempts) {
        this.kafka = kafka;
        this.attempts = attempts;
        this.tiers = tiers;
        this.clock = clock;
        this.deadLetters = Counter.builder("penguin.dispatcher.dead.letters")
                .description("deliveries whose attempts are exhausted, sent to " + Topics.DELIVERIES_DEAD).register(meters);
    }

    Mono<Void> route(DeliveryOutcome outcome) {
        attempts.record(outcome.attempt());
        log(outcome);
        Mono<Void> attempt = send(Topics.ATTEMPTS, outcome.attempt().deliveryId(), outcome.attempt());
        return switch (outcome) {
            case DeliveryOutcome.Delivered delivered -> attempt;
            case DeliveryOutcome.Skipped skipped -> attempt;
            case DeliveryOutcome.RetryScheduled retry -> Mono.when(attempt, later(retry.next()));
            case DeliveryOutcome.DeadLettered dead ->
                    Mono.when(attempt, send(Topics.DELIVERIES_DEAD, dead.task().webhookId(), dead.task()))
                            .doOnSuccess(done -> deadLetters.increment());
        };
    }

    /**
     * One log event per outcome, with the delivery's ids as key-value pairs (fields of their own in the structured JSON
     * logs): a dead letter as a warning, the rest at debug. Never the secret, the headers or a body.
     */
    private static void log(DeliveryOutcome outcome) {
        AttemptRecord attempt = outcome.attempt();
        org.slf4j.spi.LoggingEventBuilder event = switch (outcome) {
            case DeliveryOutcome.DeadLettered dead -> log.atWarn();
            default -> log.atDebug();
        };
        event.addKeyValue("delivery_id", attempt.deliveryId())
                .addKeyValue("event_id", attempt.eventId())
                .addKeyValue("event_type", attempt.eventType())
                .addKeyValue("webhook_id", attempt.webhookId())
                .addKeyValue("workspace_id", attempt.workspaceId())
                .addKeyValue("attempt", attempt.attempt())
                .addKeyValue("outcome", attempt.outcome().name().toLowerCase(java.util.Locale.ROOT))
                .addKeyValue("status_code", attempt.statusCode())
                .addKeyValue("error_class", attempt.errorClass())
                .addKeyValue("trace_id", attempt.traceId())
                .log(outcome instanceof DeliveryOutcome.DeadLettered
                        ? "delivery dead-lettered after its last attempt" : "delivery attempt routed");
    }

    /**
     * Leaves a delivery on the delay topics until its due time: a retry, a handed-off attempt's safety net or a
     * deferred delivery. It goes to the first tier of its wait; the scheduler takes it through the rest. The due time
     * and the leg's end go in headers as well as in the value: the scheduler reads the headers and passes the value on
     * untouched.
     */
    Mono<Void> later(DeliveryTask task) {
        DelayTiers.Hop hop = tiers.hop(clock.instant(), task.dueAt());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(hop.tier().topic(), task.webhookId(),
                Json.write(task.onHopUntil(hop.hopDueAt())));
        record.headers().add(Headers.KAFKA_DUE_AT, EpochMillisHeader.encode(task.dueAt()))
                .add(Headers.KAFKA_HOP_DUE_AT, EpochMillisHeader.encode(hop.hopDueAt()));
        return Mono.fromFuture(() -> kafka.send(record)).then();
    }

    private Mono<Void> send(String topic, String key, Object value) {
        return Mono.fromFuture(() -> kafka.send(new ProducerRecord<>(topic, key, Json.write(value)))).then();
    }
}
