package com.penguinmails.webhooks.dispatcher.delivery;

import java.time.Clock;
import java.util.Locale;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.dispatcher.delivery.DeliveryOutcome.DeadLettered;
import com.penguinmails.webhooks.dispatcher.delivery.DeliveryOutcome.Deferred;
import com.penguinmails.webhooks.dispatcher.delivery.DeliveryOutcome.Delivered;
import com.penguinmails.webhooks.dispatcher.delivery.DeliveryOutcome.HandedOff;
import com.penguinmails.webhooks.dispatcher.delivery.DeliveryOutcome.Logged;
import com.penguinmails.webhooks.dispatcher.delivery.DeliveryOutcome.RetryScheduled;
import com.penguinmails.webhooks.dispatcher.delivery.DeliveryOutcome.Skipped;
import com.penguinmails.webhooks.model.AttemptRecord;
import com.penguinmails.webhooks.model.DeliveryTask;
import com.penguinmails.webhooks.model.Headers;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.schedule.DelayTiers;
import com.penguinmails.webhooks.model.schedule.EpochMillisHeader;
import reactor.core.publisher.Mono;

/**
 * Routes an outcome, the last step of {@link DeliveryPipeline}'s road and its only way to Kafka: an attempt record
 * goes to {@code webhooks.attempts}, a retry, a deferral or a safety net to the delay topics, an exhausted delivery to
 * the dead-letter topic. Completes when the broker has acknowledged them all; counts each in {@link DeliveryMetrics}.
 */
@Component
class OutcomePublisher {

    private static final Logger log = LoggerFactory.getLogger(OutcomePublisher.class);

    private final KafkaTemplate<String, byte[]> kafka;
    private final DelayTiers tiers;
    private final Clock clock;
    private final DeliveryMetrics metrics;

    OutcomePublisher(KafkaTemplate<String, byte[]> kafka, DelayTiers tiers, Clock clock, DeliveryMetrics metrics) {
        this.kafka = kafka;
        this.tiers = tiers;
        this.clock = clock;
        this.metrics = metrics;
    }

    Mono<Void> route(DeliveryOutcome outcome) {
        return switch (outcome) {
            case Delivered delivered -> logged(delivered);
            case Skipped skipped -> logged(skipped);
            case RetryScheduled retry -> Mono.when(logged(retry), later(retry.next()));
            case DeadLettered dead -> Mono.when(logged(dead), send(Topics.DELIVERIES_DEAD, dead.task().webhookId(), dead.task()))
                    .doOnSuccess(done -> metrics.deadLettered());
            case Deferred deferred -> {
                metrics.deferred(deferred.reason());
                yield later(deferred.task().deferredTo(deferred.until()));
            }
            case HandedOff handedOff -> {
                metrics.handedOff();
                yield later(handedOff.task().safetyNetAt(handedOff.safetyNetAt()));
            }
        };
    }

    /** The attempt record, to the delivery log; counted and logged. */
    private Mono<Void> logged(Logged outcome) {
        metrics.attempted(outcome.attempt());
        log(outcome);
        return send(Topics.ATTEMPTS, outcome.attempt().deliveryId(), outcome.attempt());
    }

    /**
     * One log event per attempt record, with the delivery's ids as key-value pairs (fields of their own in the
     * structured JSON logs): a dead letter as a warning, the rest at debug. Never the secret, the headers or a body.
     */
    private static void log(Logged outcome) {
        AttemptRecord attempt = outcome.attempt();
        boolean dead = outcome instanceof DeadLettered;
        LoggingEventBuilder event = dead ? log.atWarn() : log.atDebug();
        event.addKeyValue("delivery_id", attempt.deliveryId())
                .addKeyValue("event_id", attempt.eventId())
                .addKeyValue("event_type", attempt.eventType())
                .addKeyValue("webhook_id", attempt.webhookId())
                .addKeyValue("workspace_id", attempt.workspaceId())
                .addKeyValue("attempt", attempt.attempt())
                .addKeyValue("outcome", attempt.outcome().name().toLowerCase(Locale.ROOT))
                .addKeyValue("status_code", attempt.statusCode())
                .addKeyValue("error_class", attempt.errorClass())
                .addKeyValue("trace_id", attempt.traceId())
                .log(dead ? "delivery dead-lettered after its last attempt" : "delivery attempt routed");
    }

    /**
     * Leaves a delivery on the delay topics until its due time: a retry, a handed-off attempt's safety net or a
     * deferred delivery. It goes to the first tier of its wait; the scheduler takes it through the rest. The due time
     * and the leg's end go in headers as well as in the value: the scheduler reads the headers and passes the value on
     * untouched.
     */
    private Mono<Void> later(DeliveryTask task) {
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
