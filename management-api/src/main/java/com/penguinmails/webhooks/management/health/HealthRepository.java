package com.penguinmails.webhooks.management.health;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.Map;

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

    /** The webhook's health and what a system event needs to say about it. */
    record Row(HealthPolicy.State state, String url, Instant lastSuccessAt) {
    }

    /** The health of these webhooks, each with its workspace, locked for the transaction (in id order: no deadlock). */
    Mono<Map<String, Locked>> lockedStates(Collection<String> webhookIds) {
        return db.sql("""
                        select id, workspace_id, consecutive_failed_attempts, failing, status,
                            url, last_success_at
                        from webhooks where id = any(:ids::text[]) order by id for update""")
                .bind("ids", webhookIds.toArray(String[]::new))
                .map(row -> {
                    OffsetDateTime success = row.get("last_success_at", OffsetDateTime.class);
                    return new Locked(row.get("id", String.class), row.get("workspace_id", String.class), new Row(
                            new HealthPolicy.State(row.get("consecutive_failed_attempts", Integer.class),
                                    Boolean.TRUE.equals(row.get("failing", Boolean.class)),
                                    "active".equals(row.get("status", String.class))),
                            row.get("url", String.class), success == null ? null : success.toInstant()));
                })
                .all()
                .collectMap(Locked::webhookId);
    }

    /** A locked webhook's health. */
    record Locked(String webhookId, String workspaceId, Row row) {
    }

    /** Stores a webhook's health after a batch of attempts; a null time leaves its column as it was. */
    Mono<Void> save(String webhookId, HealthPolicy.State state, Instant lastSuccessAt, Instant lastFailureAt) {
        return db.sql("update webhooks set consecutive_failed_attempts = :attempts, "
                        + "failing = :failing, last_success_at = coalesce(cast(nullif(:success, '') as timestamptz), last_success_at), "
                        + "last_failure_at = coalesce(cast(nullif(:failure, '') as timestamptz), last_failure_at) where id = :id")
                .bind("attempts", state.failedAttempts())
                .bind("failing", state.failing()).bind("id", webhookId)
                .bind("success", lastSuccessAt == null ? "" : lastSuccessAt.toString())
                .bind("failure", lastFailureAt == null ? "" : lastFailureAt.toString())
                .then();
    }
}
