package com.penguinmails.webhooks.management.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.penguinmails.webhooks.management.health.WebhookHealth;
import com.penguinmails.webhooks.management.stats.DeliveryStatsRollup;
import com.penguinmails.webhooks.model.AttemptRecord;
import com.penguinmails.webhooks.model.Payloads;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.delivery.ResponseClassifier;
import com.penguinmails.webhooks.runtime.PoisonRecordPublisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Turns the dispatcher's attempt records into the delivery log, a poll's batch at a time: one transaction and one
 * statement per table for up to 500 attempts, where a transaction per attempt cost the database (and the machine it
 * shares with the dispatcher) several round trips each. The offsets are committed when the rows are written; a
 * database outage holds the log back (the container retries the batch) but never a delivery.
 */
@Component
class AttemptListener {

    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(60);

    private final DeliveryRepository deliveries;
    private final WebhookStatusChanges webhooks;
    private final WebhookHealth health;
    private final DeliveryStatsRollup stats;
    private final TransactionalOperator transaction;
    private final PoisonRecordPublisher poison;

    AttemptListener(DeliveryRepository deliveries, WebhookStatusChanges webhooks, WebhookHealth health,
                    DeliveryStatsRollup stats, TransactionalOperator transaction, PoisonRecordPublisher poison) {
        this.poison = poison;
        this.deliveries = deliveries;
        this.webhooks = webhooks;
        this.health = health;
        this.stats = stats;
        this.transaction = transaction;
    }

    @KafkaListener(id = "management-attempts", groupId = "management-api", topics = Topics.ATTEMPTS, batch = "true",
            properties = "max.poll.records=500")
    void onAttempts(List<ConsumerRecord<String, byte[]>> records) {
        List<AttemptRecord> attempts = new ArrayList<>(records.size());
        List<CompletableFuture<Void>> parked = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                attempts.add(Payloads.read(record.value(), AttemptRecord.class));
            } catch (Payloads.Unreadable e) {
                parked.add(poison.publish(record, "management-attempts", e));
            }
        }
        // the batch's offsets are committed after this method: the poison records must be on Kafka by then
        CompletableFuture.allOf(parked.toArray(CompletableFuture[]::new)).orTimeout(BATCH_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        // the attempts, their minutes' stats and their effect on the webhooks' health in one transaction; a repeat
        // changes none of them
        Mono<Map<String, String>> mustDisable = deliveries.recordAll(attempts)
                // test sends are logged, but neither counted in the stats nor held against the webhook's health
                .map(fresh -> fresh.stream().filter(attempt -> !attempt.test()).toList())
                .flatMap(fresh -> stats.add(fresh).then(health.onAttempts(fresh)))
                .as(transaction::transactional);
        // a 410 Gone, or the failure streak, disables the webhook (and tells the dispatchers) after the commit
        Mono<Void> disabled = mustDisable.flatMapMany(streaks -> {
            Map<String, String> webhooks = new LinkedHashMap<>(streaks);
            attempts.stream().filter(attempt -> !attempt.test() && ResponseClassifier.isGone(attempt.statusCode()))
                    .forEach(attempt -> webhooks.putIfAbsent(attempt.webhookId(), attempt.workspaceId()));
            return Flux.fromIterable(webhooks.entrySet());
        }).concatMap(webhook -> webhooks.disable(webhook.getValue(), webhook.getKey())).then();
        // a failure (the database is away) throws: the container retries the batch with back-off, nothing is skipped
        disabled.block(BATCH_TIMEOUT);
    }
}
