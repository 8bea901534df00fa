package com.penguinmails.webhooks.management.delivery;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

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

    AttemptListener(DeliveryRepository deliveries, WebhookStatusChanges webhooks) {
        this.deliveries = deliveries;
        this.webhooks = webhooks;
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
        Mono<Void> recorded = deliveries.record(attempt);
        if (Integer.valueOf(GONE).equals(attempt.statusCode())) {
            // the receiver answered 410 Gone: disable the webhook (and tell the dispatchers) rather than keep calling
            return recorded.then(webhooks.disable(attempt.workspaceId(), attempt.webhookId()));
        }
        return recorded;
    }
}
