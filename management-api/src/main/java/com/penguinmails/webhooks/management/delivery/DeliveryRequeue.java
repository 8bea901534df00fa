package com.penguinmails.webhooks.management.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

import com.penguinmails.webhooks.management.problem.ApiException;
import com.penguinmails.webhooks.model.DeliveryTask;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Sends deliveries again by hand: one delivery, or every failed one of a webhook, to {@code webhooks.deliveries.due}
 * like retries that came due (the dispatcher's retries lane, apart from first attempts); what was skipped while a
 * webhook was paused is replayed through {@code webhooks.deliveries.replay}, the replays lane, so a large replay holds
 * back neither new events nor retries. The next attempt is numbered after the last, so the history
 * is kept; the event comes from the event store.
 */
@Service
public class DeliveryRequeue {

    private static final int CONCURRENT_SENDS = 64;

    private final DeliveryRequeueRepository deliveries;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Clock clock;

    DeliveryRequeue(DeliveryRequeueRepository deliveries, KafkaTemplate<String, byte[]> kafka, Clock clock) {
        this.deliveries = deliveries;
        this.kafka = kafka;
        this.clock = clock;
    }

    /** What a requeue did. */
    public record Queued(long queued, long eventsMissing) {
    }

    /** Queues the next attempt of one delivery; refuses while it is still pending or its webhook is not active. */
    Mono<DeliveryTask> retryOne(String workspaceId, String webhookId, String deliveryId) {
        return requireActive(workspaceId, webhookId)
                .then(deliveries.delivery(workspaceId, webhookId, deliveryId))
                .switchIfEmpty(Mono.error(ApiException.notFound("Delivery " + deliveryId)))
                .flatMap(row -> {
                    if (row.status().equals("pending_retry") || row.status().equals("queued")) {
                        return Mono.error(new ApiException(HttpStatus.CONFLICT, "Delivery already scheduled",
                                "Delivery " + deliveryId + " is " + row.status() + "; its next attempt is on its way.", List.of()));
                    }
                    return Mono.justOrEmpty(row.nextAttempt(clock.instant()))
                            .switchIfEmpty(Mono.error(new ApiException(HttpStatus.CONFLICT, "Event no longer stored",
                                    "The event " + row.eventId() + " of this delivery is no longer in the event store.", List.of())))
                            // sent again, so it is news: a delivery archived by "Clear Failed Log" comes back into the log
                            .flatMap(task -> send(Topics.DELIVERIES_DUE, task).then(markQueued(List.of(task)))
                                    .then(deliveries.unarchive(deliveryId)).thenReturn(task));
                });
    }

    /**
     * Queues every delivery of the webhook in {@code status}: {@code failed} ones as retries on the due topic,
     * {@code skipped} ones as a replay on the replay topic.
     */
    public Mono<Queued> requeueAll(String workspaceId, String webhookId, String status) {
        String topic = "failed".equals(status) ? Topics.DELIVERIES_DUE : Topics.DELIVERIES_REPLAY;
        return requireActive(workspaceId, webhookId)
                // what "Clear Failed Log" archived stays put; a retry of one delivery brings it back
                .thenMany(deliveries.unarchived(workspaceId, webhookId, status))
                .collectList()
                .flatMap(found -> {
                    Instant now = clock.instant();
                    List<DeliveryTask> tasks = found.stream().flatMap(row -> row.nextAttempt(now).stream()).toList();
                    long missing = found.size() - tasks.size();
                    return Flux.fromIterable(tasks)
                            .flatMap(task -> send(topic, task), CONCURRENT_SENDS)
                            .then(markQueued(tasks))
                            .thenReturn(new Queued(tasks.size(), missing));
                });
    }

    private Mono<Void> requireActive(String workspaceId, String webhookId) {
        return deliveries.webhookStatus(workspaceId, webhookId)
                .switchIfEmpty(Mono.error(ApiException.notFound("Webhook " + webhookId)))
                .flatMap(status -> status.equals("active") ? Mono.<Void>empty()
                        : Mono.error(new ApiException(HttpStatus.CONFLICT, "Webhook not active",
                                "Webhook " + webhookId + " is " + status + "; resume it first.", List.of())));
    }

    private Mono<Void> send(String topic, DeliveryTask task) {
        return Mono.fromFuture(() -> kafka.send(new ProducerRecord<>(topic, task.webhookId(), Json.write(task)))).then();
    }

    private Mono<Void> markQueued(List<DeliveryTask> tasks) {
        return deliveries.markQueued(tasks, clock.instant());
    }
}
