package com.penguinmails.webhooks.management.replay;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.webhooks.management.page.Cursor;
import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.Json;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Replay jobs, and what they read: the event store, the webhooks they target and the attempts already recorded. */
@Repository
class ReplayRepository {

    private static final String COLUMNS = "id, workspace_id, webhook_id, event_types, scan_types, range_from, range_to, "
            + "events_per_second, state, events_found, events_queued, deliveries_queued, cursor_created_at, cursor_event_id, "
            + "next_run_at, created_at, updated_at, finished_at, error";

    private final DatabaseClient db;

    ReplayRepository(DatabaseClient db) {
        this.db = db;
    }

    /** One stored event, with the created_at it is stored under (the cursor's first half). */
    record StoredEvent(Instant createdAt, EventEnvelope event) {
    }

    /** The status of a webhook of the workspace; empty when it has none by that id. */
    Mono<String> webhookStatus(String workspaceId, String webhookId) {
        return db.sql("select status from webhooks where workspace_id = :workspace and id = :id")
                .bind("workspace", workspaceId).bind("id", webhookId)
                .map(row -> row.get("status", String.class)).one();
    }

    /** The active webhooks a replay may deliver to: the one named, or every one of the workspace for null. */
    Flux<ReplayTarget> activeTargets(String workspaceId, String webhookId) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("select id, event_types, filters::text as filters from webhooks"
                        + " where workspace_id = :workspace and status = 'active'" + (webhookId == null ? "" : " and id = :id"))
                .bind("workspace", workspaceId);
        if (webhookId != null) {
            spec = spec.bind("id", webhookId);
        }
        return spec.map(row -> ReplayTarget.of(row.get("id", String.class), list(row, "event_types"), row.get("filters", String.class)))
                .all();
    }

    /** How many stored events of the workspace fall in [from, to) with one of the types. */
    Mono<Long> countEvents(String workspaceId, List<String> types, Instant from, Instant to) {
        if (types.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql("""
                        select count(*) as found from webhook_events
                        where workspace_id = :workspace and created_at >= :from and created_at < :to
                          and event_type = any(:types::text[])""")
                .bind("workspace", workspaceId).bind("from", from).bind("to", to)
                .bind("types", types.toArray(String[]::new))
                .map(row -> row.get("found", Long.class)).one();
    }

    Mono<ReplayJob> insert(ReplayJob job) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        insert into replay_jobs (id, workspace_id, webhook_id, event_types, scan_types, range_from, range_to,
                            events_per_second, state, events_found, next_run_at, created_at, updated_at, finished_at)
                        values (:id, :workspace, :webhook, :types::text[], :scan::text[], :from, :to, :rate, :state, :found,
                            :next, :created, :created, :finished)
                        returning\s""" + COLUMNS)
                .bind("id", job.id()).bind("workspace", job.workspaceId())
                .bind("scan", job.scanTypes().toArray(String[]::new))
                .bind("from", job.from()).bind("to", job.to()).bind("rate", job.eventsPerSecond())
                .bind("state", job.state()).bind("found", job.eventsFound()).bind("next", job.nextRunAt())
                .bind("created", job.createdAt());
        spec = job.webhookId() == null ? spec.bindNull("webhook", String.class) : spec.bind("webhook", job.webhookId());
        spec = job.eventTypes() == null ? spec.bindNull("types", String[].class) : spec.bind("types", job.eventTypes().toArray(String[]::new));
        spec = job.finishedAt() == null ? spec.bindNull("finished", Instant.class) : spec.bind("finished", job.finishedAt());
        return spec.map(ReplayRepository::toJob).one();
    }

    /** A job of the workspace (of the webhook, when one is given). */
    Mono<ReplayJob> find(String workspaceId, String webhookId, String id) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("select " + COLUMNS + " from replay_jobs where workspace_id = :workspace and id = :id"
                        + (webhookId == null ? "" : " and webhook_id = :webhook"))
                .bind("workspace", workspaceId).bind("id", id);
        if (webhookId != null) {
            spec = spec.bind("webhook", webhookId);
        }
        return spec.map(ReplayRepository::toJob).one();
    }

    /** The workspace's jobs (of the webhook, when one is given), newest first, after the cursor: {@code fetch} rows. */
    Flux<ReplayJob> findPage(String workspaceId, String webhookId, Cursor after, int fetch) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from replay_jobs where workspace_id = :workspace");
        if (webhookId != null) {
            sql.append(" and webhook_id = :webhook");
        }
        if (after != null) {
            sql.append(" and (created_at, id) < (:afterTime, :afterId)");
        }
        sql.append(" order by created_at desc, id desc limit :limit");
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString()).bind("workspace", workspaceId).bind("limit", fetch);
        if (webhookId != null) {
            spec = spec.bind("webhook", webhookId);
        }
        if (after != null) {
            spec = spec.bind("afterTime", after.createdAt()).bind("afterId", after.id());
        }
        return spec.map(ReplayRepository::toJob).all();
    }

    /**
     * Cancels a job that is still queued or running; empty when it is not (or not the workspace's). Waits for a batch
     * in progress to commit (it holds the row), so no batch starts after the answer.
     */
    Mono<ReplayJob> cancel(String workspaceId, String id, Instant now) {
        return db.sql("update replay_jobs set state = 'cancelled', finished_at = :now, updated_at = :now"
                        + " where workspace_id = :workspace and id = :id and state in ('queued', 'running') returning " + COLUMNS)
                .bind("now", now).bind("workspace", workspaceId).bind("id", id)
                .map(ReplayRepository::toJob).one();
    }

    /**
     * Claims the job whose next batch has been due longest, locking its row until the transaction ends; jobs other
     * instances hold are passed over, so no job runs two batches at once.
     */
    Mono<ReplayJob> claimDue(Instant now) {
        return db.sql("select " + COLUMNS + " from replay_jobs where state in ('queued', 'running') and next_run_at <= :now"
                        + " order by next_run_at limit 1 for update skip locked")
                .bind("now", now)
                .map(ReplayRepository::toJob).one();
    }

    /** The job's next events, in (created_at, id) order after its cursor. */
    Flux<StoredEvent> nextEvents(ReplayJob job, int limit) {
        boolean started = job.cursorCreatedAt() != null;
        DatabaseClient.GenericExecuteSpec spec = db.sql("select created_at, envelope::text as envelope from webhook_events"
                        + " where workspace_id = :workspace and created_at >= :from and created_at < :to"
                        + " and event_type = any(:types::text[])"
                        + (started ? " and (created_at, id) > (:afterTime, :afterId)" : "")
                        + " order by created_at, id limit :limit")
                .bind("workspace", job.workspaceId()).bind("from", job.from()).bind("to", job.to())
                .bind("types", job.scanTypes().toArray(String[]::new)).bind("limit", limit);
        if (started) {
            spec = spec.bind("afterTime", job.cursorCreatedAt()).bind("afterId", job.cursorEventId());
        }
        return spec.map(row -> new StoredEvent(instant(row.get("created_at", OffsetDateTime.class)),
                        Json.read(row.get("envelope", String.class), EventEnvelope.class)))
                .all();
    }

    /** The attempts recorded so far for those of the deliveries that exist. */
    Mono<Map<String, Integer>> recordedAttempts(List<String> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return Mono.just(Map.of());
        }
        return db.sql("select id, attempts from webhook_deliveries where id = any(:ids::text[])")
                .bind("ids", deliveryIds.toArray(String[]::new))
                .map(row -> Map.entry(row.get("id", String.class), row.get("attempts", Integer.class)))
                .all()
                .collectMap(Map.Entry::getKey, Map.Entry::getValue);
    }

    /**
     * Records a batch: the cursor moves to its last event, the counts grow, and the job is running until the next
     * batch at {@code next}, or completed. More events than were found (stored late) raise events_found with them.
     */
    Mono<Void> saveProgress(String id, StoredEvent last, int events, int deliveries, boolean completed, Instant next, Instant now) {
        return db.sql("""
                        update replay_jobs set cursor_created_at = :cursorTime, cursor_event_id = :cursorId,
                            events_queued = events_queued + :events, deliveries_queued = deliveries_queued + :deliveries,
                            events_found = greatest(events_found, events_queued + :events),
                            state = :state, next_run_at = :next, updated_at = :now,
                            finished_at = case when :completed then :now end
                        where id = :id""")
                .bind("cursorTime", last.createdAt()).bind("cursorId", last.event().id())
                .bind("events", events).bind("deliveries", deliveries)
                .bind("state", completed ? ReplayJob.COMPLETED : ReplayJob.RUNNING)
                .bind("next", next).bind("now", now).bind("completed", completed).bind("id", id)
                .then();
    }

    /** Ends a job with nothing more to read; the count found is what was handled (events may have expired meanwhile). */
    Mono<Void> complete(String id, Instant now) {
        return db.sql("update replay_jobs set state = 'completed', finished_at = :now, updated_at = :now where id = :id")
                .bind("now", now).bind("id", id).then();
    }

    Mono<Void> fail(String id, String error, Instant now) {
        return db.sql("update replay_jobs set state = 'failed', error = :error, finished_at = :now, updated_at = :now where id = :id")
                .bind("error", error).bind("now", now).bind("id", id).then();
    }

    private static ReplayJob toJob(Readable row) {
        return new ReplayJob(row.get("id", String.class), row.get("workspace_id", String.class),
                row.get("webhook_id", String.class), row.get("event_types", String[].class) == null ? null : list(row, "event_types"),
                list(row, "scan_types"), instant(row.get("range_from", OffsetDateTime.class)),
                instant(row.get("range_to", OffsetDateTime.class)), row.get("events_per_second", Integer.class),
                row.get("state", String.class), row.get("events_found", Long.class), row.get("events_queued", Long.class),
                row.get("deliveries_queued", Long.class), instant(row.get("cursor_created_at", OffsetDateTime.class)),
                row.get("cursor_event_id", String.class), instant(row.get("next_run_at", OffsetDateTime.class)),
                instant(row.get("created_at", OffsetDateTime.class)), instant(row.get("updated_at", OffsetDateTime.class)),
                instant(row.get("finished_at", OffsetDateTime.class)), row.get("error", String.class));
    }

    private static List<String> list(Readable row, String column) {
        String[] values = row.get(column, String[].class);
        return values == null ? List.of() : Arrays.asList(values);
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
