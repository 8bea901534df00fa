package com.penguinmails.webhooks.management.health;

import java.time.Instant;
import java.time.OffsetDateTime;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/** The health columns of a webhook. */
@Repository
class HealthRepository {

    private final DatabaseClient db;

    HealthRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The webhook's health and what a system event needs to say about it; locks the row for the transaction. */
    record Row(HealthPolicy.State state, String url, Instant lastSuccessAt) {
    }

    Mono<Row> lockedState(String workspaceId, String webhookId) {
        return db.sql("""
                        select consecutive_failed_deliveries, consecutive_failed_attempts, failing, status, url, last_success_at
                        from webhooks where workspace_id = :workspace and id = :id for update""")
                .bind("workspace", workspaceId).bind("id", webhookId)
                .map(row -> {
                    OffsetDateTime success = row.get("last_success_at", OffsetDateTime.class);
                    return new Row(new HealthPolicy.State(row.get("consecutive_failed_deliveries", Integer.class),
                            row.get("consecutive_failed_attempts", Integer.class), Boolean.TRUE.equals(row.get("failing", Boolean.class)),
                            "active".equals(row.get("status", String.class))), row.get("url", String.class),
                            success == null ? null : success.toInstant());
                })
                .one();
    }

    Mono<Void> save(String webhookId, HealthPolicy.State state, boolean success, Instant at) {
        return db.sql("update webhooks set consecutive_failed_deliveries = :deliveries, consecutive_failed_attempts = :attempts, "
                        + "failing = :failing, " + (success ? "last_success_at" : "last_failure_at") + " = :at where id = :id")
                .bind("deliveries", state.failedDeliveries()).bind("attempts", state.failedAttempts())
                .bind("failing", state.failing()).bind("at", at).bind("id", webhookId)
                .then();
    }
}
