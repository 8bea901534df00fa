package com.penguinmails.webhooks.dispatcher.delivery;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.model.AttemptRecord;
import com.penguinmails.webhooks.model.DeliveryTask;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;
import reactor.core.publisher.Mono;

/**
 * Routes an outcome: the attempt record always goes to {@code webhooks.attempts}; a retry also goes to its delay
 * topic and an exhausted delivery to the dead-letter topic. Completes when the broker has acknowledged them all.
 */
@Component
class OutcomePublisher {

    private final KafkaTemplate<String, byte[]> kafka;

    OutcomePublisher(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    Mono<Void> route(DeliveryOutcome outcome) {
        Mono<Void> attempt = send(Topics.ATTEMPTS, outcome.attempt().deliveryId(), outcome.attempt());
        return switch (outcome) {
            case DeliveryOutcome.Delivered delivered -> attempt;
            case DeliveryOutcome.Skipped skipped -> attempt;
            case DeliveryOutcome.RetryScheduled retry ->
                    Mono.when(attempt, send(retry.tier().topic(), retry.next().webhookId(), retry.next()));
            case DeliveryOutcome.DeadLettered dead ->
                    Mono.when(attempt, send(Topics.DELIVERIES_DEAD, dead.task().webhookId(), dead.task()));
        };
    }

    /** Leaves a delivery on a delay topic: a handed-off attempt's safety net, or a deferred delivery. */
    Mono<Void> later(DeliveryTask task, Topics.RetryTier tier) {
        return send(tier.topic(), task.webhookId(), task);
    }

    private Mono<Void> send(String topic, String key, Object value) {
        return Mono.fromFuture(() -> kafka.send(new ProducerRecord<>(topic, key, Json.write(value)))).then();
    }
}
