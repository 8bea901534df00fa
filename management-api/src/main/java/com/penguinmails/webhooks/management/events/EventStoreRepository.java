package com.penguinmails.webhooks.management.events;

import java.util.List;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.canonical.CanonicalJson;
import reactor.core.publisher.Mono;

/**
 * Every canonical event, stored as receivers get it (the text {@link CanonicalJson} writes, in a {@code json} column that
 * keeps it as it is), so a delivery can be sent again later with the same bytes.
 */
@Repository
class EventStoreRepository {

    private final DatabaseClient db;

    EventStoreRepository(DatabaseClient db) {
        this.db = db;
    }

    /** One stored event of the workspace, as receivers get it, with when it was stored; empty when not (or no longer) there. */
    Mono<EventView> find(String workspaceId, String eventId) {
        // the key holds created_at too (partitioned by day): an id sent again with another date is two rows, the first stored counts
        return db.sql("select envelope::text as envelope, stored_at from webhook_events where workspace_id = :workspace and id = :id"
                        + " order by stored_at limit 1")
                .bind("workspace", workspaceId).bind("id", eventId)
                .map(row -> EventView.of(Json.read(row.get("envelope", String.class), EventEnvelope.class),
                        row.get("stored_at", java.time.OffsetDateTime.class).toInstant()))
                .one();
    }

    /** One event of a workspace. */
    record StoredEvent(String workspaceId, EventEnvelope event) {
    }

    /**
     * Stores a batch in one statement; events already stored are left as they are (a record Kafka delivers again
     * carries the same id and created_at, the key with the workspace).
     */
    Mono<Long> storeAll(List<StoredEvent> events) {
        if (events.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql("""
                        insert into webhook_events (id, workspace_id, event_type, envelope, created_at)
                        select id, workspace_id, event_type, cast(envelope as json), cast(created_at as timestamptz)
                        from unnest(:ids::text[], :workspaces::text[], :types::text[], :envelopes::text[], :created::text[])
                            as e(id, workspace_id, event_type, envelope, created_at)
                        on conflict (workspace_id, id, created_at) do nothing""")
                .bind("ids", events.stream().map(e -> e.event().id()).toArray(String[]::new))
                .bind("workspaces", events.stream().map(StoredEvent::workspaceId).toArray(String[]::new))
                .bind("types", events.stream().map(e -> e.event().type()).toArray(String[]::new))
                .bind("envelopes", events.stream().map(e -> CanonicalJson.writeString(e.event())).toArray(String[]::new))
                .bind("created", events.stream().map(e -> e.event().createdAt().toString()).toArray(String[]::new))
                .fetch().rowsUpdated();
    }
}
