package com.penguinmails.webhooks.management.v1;

import java.time.Instant;
import java.time.OffsetDateTime;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Flux;

/** The delivery log as the {@code /v1} API reads it: a webhook's latest deliveries. */
@Repository
class V1LogRepository {

    private final DatabaseClient db;

    V1LogRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The webhook's latest deliveries in the workspace, newest first. */
    Flux<V1LogView> latest(String workspaceId, String webhookId, int limit) {
        return db.sql("""
                        select id, event_id, event_type, status, attempts, max_attempts, last_status_code, last_duration_ms,
                               last_error, created_at, last_attempt_at, next_attempt_at
                        from webhook_deliveries where workspace_id = :workspace and webhook_id = :webhook
                        order by created_at desc, id desc limit :limit""")
                .bind("workspace", workspaceId).bind("webhook", webhookId).bind("limit", limit)
                .map(V1LogRepository::toLog)
                .all();
    }

    private static V1LogView toLog(Readable row) {
        return new V1LogView(row.get("id", String.class), row.get("event_id", String.class),
                V1EventNames.shortName(row.get("event_type", String.class)), row.get("status", String.class),
                row.get("attempts", Integer.class), row.get("max_attempts", Integer.class),
                row.get("last_status_code", Integer.class), row.get("last_duration_ms", Long.class),
                row.get("last_error", String.class), instant(row, "created_at"), instant(row, "last_attempt_at"),
                instant(row, "next_attempt_at"));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime time = row.get(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
