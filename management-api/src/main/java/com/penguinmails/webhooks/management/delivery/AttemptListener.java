package com.penguinmails.webhooks.management.delivery;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.penguinmails.webhooks.management.health.WebhookHealth;
import com.penguinmails.webhooks.model.AttemptRecord;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;
import reactor.core.publisher.Mono;

/**
 * Turns the dispatcher's attempt records into the delivery log. The offset is committed when the row is written; a
 * database outage holds the log back (the listener retries) but never a delivery.
 */
@Component
class AttemptListener {

    private static final Logger log = LoggerFactory.getLogger(AttemptListener.class);

    private static final int GONE = 410;

    private final DeliveryRepository deliveries;
    private final WebhookStatusChanges webhooks;
    private final WebhookHealth health;
    private final TransactionalOperator transaction;

    AttemptListener(DeliveryRepository deliveries, WebhookStatusChanges webhooks, WebhookHealth health,
                    TransactionalOperator transaction) {
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.health = health;
        this.transaction = transaction;
    }

    @KafkaListener(id = "management-attempts", groupId = "management-api", topics = Topics.ATTEMPTS)
    Mono<Void> onAttempt(ConsumerRecord<String, byte[]> record) {
        AttemptRecord attempt;
        try {
            attempt = Json.read(record.value(), AttemptRecord.class);
        } catch (RuntimeException e) {
            log.error("undecodable attempt record at {}-{}@{} skipped", record.topic(), record.partition(), record.offset(), e);
            return Mono.empty();
        }
        // the attempt and its effect on the webhook's health in one transaction; a repeat changes neither
        Mono<Boolean> mustDisable = deliveries.record(attempt)
                .flatMap(isNew -> isNew ? health.onAttempt(attempt) : Mono.just(false))
                .as(transaction::transactional);
        // a 410 Gone, or the failure streak, disables the webhook (and tells the dispatchers) after the commit
        boolean gone = Integer.valueOf(GONE).equals(attempt.statusCode());
        return mustDisable.flatMap(disable -> disable || gone
                ? webhooks.disable(attempt.workspaceId(), attempt.webhookId()) : Mono.empty());
    }
}
