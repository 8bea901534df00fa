package com.penguinmails.webhooks.management.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

import com.penguinmails.webhooks.management.problem.ApiException;
import com.penguinmails.webhooks.model.DeliveryTask;
import com.penguinmails.webhooks.model.EventEnvelope;
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

    /** The most deliveries one bulk call queues; call again for more. */
    static final int BULK_LIMIT = 10_000;
    private static final int CONCURRENT_SENDS = 64;

    private final DatabaseClient db;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Clock clock;

    DeliveryRequeue(DatabaseClient db, KafkaTemplate<String, byte[]> kafka, Clock clock) {
        this.db = db;
        this.kafka = kafka;
        this.clock = clock;
    }

    /** What a requeue did. */
    public record Queued(long queued, long eventsMissing) {
    }

    /** One delivery's row as far as a requeue needs it, with its event from the event store (null if not there). */
    private record Row(String id, String workspaceId, String webhookId, String eventId, String status, int attempts,
                       EventEnvelope event) {

        /** The delivery's next attempt, due now; empty without its event. */
        Optional<DeliveryTask> nextAttempt(Instant now) {
            return Optional.ofNullable(event).map(e -> new DeliveryTask(id, webhookId, workspaceId, e, attempts + 1, now));
        }
    }

    /** Queues the next attempt of one delivery; refuses while it is still pending or its webhook is not active. */
    Mono<DeliveryTask> retryOne(String workspaceId, String webhookId, String deliveryId) {
        return requireActive(workspaceId, webhookId)
                .then(rows("id = :delivery", workspaceId, webhookId, deliveryId).next())
                .switchIfEmpty(Mono.error(ApiException.notFound("Delivery " + deliveryId)))
                .flatMap(row -> {
                    if (row.status().equals("pending_retry") || row.status().equals("queued")) {
                        return Mono.error(new ApiException(HttpStatus.CONFLICT, "Delivery already scheduled",
                                "Delivery " + deliveryId + " is " + row.status() + "; its next attempt is on its way.", List.of()));
                    }
                    return Mono.justOrEmpty(row.nextAttempt(clock.instant()))
                            .switchIfEmpty(Mono.error(new ApiException(HttpStatus.CONFLICT, "Event no longer stored",
                                    "The event " + row.eventId() + " of this delivery is no longer in the event store.", List.of())))
                            .flatMap(task -> send(Topics.DELIVERIES_DUE, task).then(markQueued(List.of(task)))
                                    .then(unarchive(deliveryId)).thenReturn(task));
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
                .thenMany(rows("status = :delivery and d.archived_at is null", workspaceId, webhookId, status))
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
        return db.sql("select status from webhooks where id = :id and workspace_id = :workspace")
                .bind("id", webhookId).bind("workspace", workspaceId)
                .map(row -> row.get("status", String.class)).one()
                .switchIfEmpty(Mono.error(ApiException.notFound("Webhook " + webhookId)))
                .flatMap(status -> status.equals("active") ? Mono.<Void>empty()
                        : Mono.error(new ApiException(HttpStatus.CONFLICT, "Webhook not active",
                                "Webhook " + webhookId + " is " + status + "; resume it first.", List.of())));
    }

    /**
     * The webhook's deliveries matching the condition, each with its stored event, in one query. The event store's
     * key holds created_at too (it is partitioned by day), so an id sent again with another date is two rows: the
     * first stored is the one.
     */
    private Flux<Row> rows(String condition, String workspaceId, String webhookId, String value) {
        return db.sql("select d.id, d.workspace_id, d.webhook_id, d.event_id, d.status, d.attempts, e.envelope::text as envelope"
                        + " from webhook_deliveries d left join lateral (select envelope from webhook_events e"
                        + " where e.workspace_id = d.workspace_id and e.id = d.event_id order by e.stored_at limit 1) e on true"
                        + " where d.workspace_id = :workspace and d.webhook_id = :webhook and d." + condition
                        + " order by d.created_at, d.id limit " + BULK_LIMIT)
                .bind("workspace", workspaceId).bind("webhook", webhookId).bind("delivery", value)
                .map(row -> {
                    String envelope = row.get("envelope", String.class);
                    return new Row(row.get("id", String.class), row.get("workspace_id", String.class),
                            row.get("webhook_id", String.class), row.get("event_id", String.class),
                            row.get("status", String.class), row.get("attempts", Integer.class),
                            envelope == null ? null : Json.read(envelope, EventEnvelope.class));
                })
                .all();
    }

    /** Brings a delivery archived by "Clear Failed Log" back into the log: it was sent again, so it is news. */
    private Mono<Void> unarchive(String deliveryId) {
        return db.sql("update webhook_deliveries set archived_at = null where id = :id and archived_at is not null")
                .bind("id", deliveryId).then();
    }

    private Mono<Void> send(String topic, DeliveryTask task) {
        return Mono.fromFuture(() -> kafka.send(new ProducerRecord<>(topic, task.webhookId(), Json.write(task)))).then();
    }

    /**
     * Shows the deliveries as queued until their next attempt is recorded. Only rows still at the attempt before the
     * queued one change: if the dispatcher was quicker, its record stands.
     */
    private Mono<Void> markQueued(List<DeliveryTask> tasks) {
        if (tasks.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        update webhook_deliveries d set status = 'queued', requeued_at = :now, next_attempt_at = :now
                        from unnest(:ids::text[], :attempts::int[]) as q(id, attempts)
                        where d.id = q.id and d.attempts = q.attempts""")
                .bind("now", clock.instant())
                .bind("ids", tasks.stream().map(DeliveryTask::deliveryId).toArray(String[]::new))
                .bind("attempts", tasks.stream().map(task -> task.attempt() - 1).toArray(Integer[]::new))
                .then();
    }
}
