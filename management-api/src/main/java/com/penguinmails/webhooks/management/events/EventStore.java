package com.penguinmails.webhooks.management.events;

import java.util.List;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.Json;
import reactor.core.publisher.Mono;

/** Every canonical event, stored as receivers get it, so a delivery can be sent again later. */
@Repository
class EventStore {

    private final DatabaseClient db;

    EventStore(DatabaseClient db) {
        this.db = db;
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
                        select id, workspace_id, event_type, cast(envelope as jsonb), cast(created_at as timestamptz)
                        from unnest(:ids::text[], :workspaces::text[], :types::text[], :envelopes::text[], :created::text[])
                            as e(id, workspace_id, event_type, envelope, created_at)
                        on conflict (workspace_id, id, created_at) do nothing""")
                .bind("ids", events.stream().map(e -> e.event().id()).toArray(String[]::new))
                .bind("workspaces", events.stream().map(StoredEvent::workspaceId).toArray(String[]::new))
                .bind("types", events.stream().map(e -> e.event().type()).toArray(String[]::new))
                .bind("envelopes", events.stream().map(e -> Json.writeString(e.event())).toArray(String[]::new))
                .bind("created", events.stream().map(e -> e.event().createdAt().toString()).toArray(String[]::new))
                .fetch().rowsUpdated();
    }
}
