package com.penguinmails.webhooks.management.idempotency;

import java.time.Duration;
import java.time.Instant;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/** The {@code idempotency_keys} table: one row per workspace and key, claimed by the first request that uses it. */
@Repository
class IdempotencyRepository {

    private final DatabaseClient db;

    IdempotencyRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A key's row: the first request's fingerprint and its answer, when it has one. */
    record StoredRequest(String requestHash, Integer statusCode, String encryptedBody, Instant createdAt) {

        boolean answered() {
            return statusCode != null;
        }
    }

    /**
     * Claims the key for a request: inserts its row, or takes over one that expired or whose request was abandoned
     * (no answer after {@code abandonedAfter}). Emits true when the caller holds the key; the primary key makes two
     * concurrent claims wait for each other, so only one of them wins.
     */
    Mono<Boolean> claim(String workspaceId, String key, String requestHash, Instant now, Instant expiresAt, Duration abandonedAfter) {
        return db.sql("""
                        insert into idempotency_keys (workspace_id, idempotency_key, request_hash, created_at, expires_at)
                        values (:workspace, :key, :hash, :now, :expires)
                        on conflict (workspace_id, idempotency_key) do update
                            set request_hash = excluded.request_hash, status_code = null, encrypted_body = null,
                                created_at = excluded.created_at, expires_at = excluded.expires_at
                            where idempotency_keys.expires_at <= :now
                               or (idempotency_keys.status_code is null and idempotency_keys.created_at <= :abandoned)""")
                .bind("workspace", workspaceId).bind("key", key).bind("hash", requestHash)
                .bind("now", now).bind("expires", expiresAt).bind("abandoned", now.minus(abandonedAfter))
                .fetch().rowsUpdated()
                .map(count -> count > 0);
    }

    Mono<StoredRequest> find(String workspaceId, String key) {
        return db.sql("""
                        select request_hash, status_code, encrypted_body, created_at from idempotency_keys
                        where workspace_id = :workspace and idempotency_key = :key""")
                .bind("workspace", workspaceId).bind("key", key)
                .map(row -> new StoredRequest(row.get("request_hash", String.class), row.get("status_code", Integer.class),
                        row.get("encrypted_body", String.class), row.get("created_at", java.time.OffsetDateTime.class).toInstant()))
                .one();
    }

    Mono<Void> answer(String workspaceId, String key, int statusCode, String encryptedBody) {
        return db.sql("""
                        update idempotency_keys set status_code = :status, encrypted_body = :body
                        where workspace_id = :workspace and idempotency_key = :key""")
                .bind("workspace", workspaceId).bind("key", key).bind("status", statusCode).bind("body", encryptedBody)
                .then();
    }

    /** Frees the key of a request that failed, so that it can be sent again. */
    Mono<Void> release(String workspaceId, String key) {
        return db.sql("delete from idempotency_keys where workspace_id = :workspace and idempotency_key = :key and status_code is null")
                .bind("workspace", workspaceId).bind("key", key)
                .then();
    }

    /** Deletes the keys that expired before the time; emits how many. */
    Mono<Long> deleteExpired(Instant now) {
        return db.sql("delete from idempotency_keys where expires_at <= :now").bind("now", now).fetch().rowsUpdated();
    }
}
