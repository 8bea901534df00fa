package com.penguinmails.webhooks.management.testsend;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.Json;
import reactor.core.publisher.Mono;

/** What a test send needs to know: the webhook's timeout, and the latest real event of a type. */
@Repository
class TestSendRepository {

    private final DatabaseClient db;

    TestSendRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The webhook's timeout in milliseconds; empty when it is not a webhook of the workspace. */
    Mono<Integer> timeoutMillis(String workspaceId, String webhookId) {
        return db.sql("select timeout_ms from webhooks where workspace_id = :workspace and id = :id")
                .bind("workspace", workspaceId).bind("id", webhookId)
                .map(row -> row.get("timeout_ms", Integer.class))
                .one();
    }

    /** The workspace's most recent stored event of the type; empty when there is none. */
    Mono<EventEnvelope> latestEvent(String workspaceId, String eventType) {
        return db.sql("""
                        select envelope::text as envelope from webhook_events
                        where workspace_id = :workspace and event_type = :type order by created_at desc limit 1""")
                .bind("workspace", workspaceId).bind("type", eventType)
                .map(row -> Json.read(row.get("envelope", String.class), EventEnvelope.class))
                .one();
    }
}
