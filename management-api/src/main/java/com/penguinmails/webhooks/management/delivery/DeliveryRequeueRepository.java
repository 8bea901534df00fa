package com.penguinmails.webhooks.management.delivery;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.webhooks.model.DeliveryTask;
import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.Json;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** What sending deliveries again by hand ({@link DeliveryRequeue}) reads and writes. */
@Repository
class DeliveryRequeueRepository {

    /** The most deliveries one bulk call queues; call again for more. */
    static final int BULK_LIMIT = 10_000;

    private final DatabaseClient db;

    DeliveryRequeueRepository(DatabaseClient db) {
        this.db = db;
    }

    /** One delivery's row as far as a requeue needs it, with its event from the event store (null if not there). */
    record Requeueable(String id, String workspaceId, String webhookId, String eventId, String status, int attempts,
                       EventEnvelope event) {

        /** The delivery's next attempt, due now; empty without its event. */
        Optional<DeliveryTask> nextAttempt(Instant now) {
            return Optional.ofNullable(event).map(e -> new DeliveryTask(id, webhookId, workspaceId, e, attempts + 1, now));
        }
    }

    /** The webhook's status; empty when the workspace has no such webhook. */
    Mono<String> webhookStatus(String workspaceId, String webhookId) {
        return db.sql("select status from webhooks where id = :id and workspace_id = :workspace")
                .bind("id", webhookId).bind("workspace", workspaceId)
                .map(row -> row.get("status", String.class)).one();
    }

    /** One delivery of the webhook, with its stored event. */
    Mono<Requeueable> delivery(String workspaceId, String webhookId, String deliveryId) {
        return rows("id = :delivery", workspaceId, webhookId, deliveryId).next();
    }

    /**
     * Up to {@value #BULK_LIMIT} deliveries of the webhook in {@code status}, oldest first, with their stored events;
     * those archived by "Clear Failed Log" stay put.
     */
    Flux<Requeueable> unarchived(String workspaceId, String webhookId, String status) {
        return rows("status = :delivery and d.archived_at is null", workspaceId, webhookId, status);
    }

    /**
     * The webhook's deliveries matching the condition, each with its stored event, in one query. The event store's
     * key holds created_at too (it is partitioned by day), so an id sent again with another date is two rows: the
     * first stored is the one.
     */
    private Flux<Requeueable> rows(String condition, String workspaceId, String webhookId, String value) {
        return db.sql("select d.id, d.workspace_id, d.webhook_id, d.event_id, d.status, d.attempts, e.envelope::text as envelope"
                        + " from webhook_deliveries d left join lateral (select envelope from webhook_events e"
                        + " where e.workspace_id = d.workspace_id and e.id = d.event_id order by e.stored_at limit 1) e on true"
                        + " where d.workspace_id = :workspace and d.webhook_id = :webhook and d." + condition
                        + " order by d.created_at, d.id limit " + BULK_LIMIT)
                .bind("workspace", workspaceId).bind("webhook", webhookId).bind("delivery", value)
                .map(row -> {
                    String envelope = row.get("envelope", String.class);
                    return new Requeueable(row.get("id", String.class), row.get("workspace_id", String.class),
                            row.get("webhook_id", String.class), row.get("event_id", String.class),
                            row.get("status", String.class), row.get("attempts", Integer.class),
                            envelope == null ? null : Json.read(envelope, EventEnvelope.class));
                })
                .all();
    }

    /** Brings a delivery archived by "Clear Failed Log" back into the log. */
    Mono<Void> unarchive(String deliveryId) {
        return db.sql("update webhook_deliveries set archived_at = null where id = :id and archived_at is not null")
                .bind("id", deliveryId).then();
    }

    /**
     * Shows the deliveries as queued until their next attempt is recorded. Only rows still at the attempt before the
     * queued one change: if the dispatcher was quicker, its record stands.
     */
    Mono<Void> markQueued(List<DeliveryTask> tasks, Instant now) {
        if (tasks.isEmpty()) {
            return Mono.empty();
        }
        return db.sql("""
                        update webhook_deliveries d set status = 'queued', requeued_at = :now, next_attempt_at = :now
                        from unnest(:ids::text[], :attempts::int[]) as q(id, attempts)
                        where d.id = q.id and d.attempts = q.attempts""")
                .bind("now", now)
                .bind("ids", tasks.stream().map(DeliveryTask::deliveryId).toArray(String[]::new))
                .bind("attempts", tasks.stream().map(task -> task.attempt() - 1).toArray(Integer[]::new))
                .then();
    }
}
