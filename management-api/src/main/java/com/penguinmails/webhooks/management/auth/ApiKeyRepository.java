package com.penguinmails.webhooks.management.auth;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/** API keys, stored as SHA-256 hashes only. */
@Repository
public class ApiKeyRepository {

    private final DatabaseClient db;

    ApiKeyRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A key that may call the API: who it is, and its own request rate when it has one (else null). */
    record ActiveKey(ApiPrincipal principal, Integer rateLimitPerSecond) {
    }

    Mono<ActiveKey> findActiveByHash(String keyHash) {
        return db.sql("select id, workspace_id, role, rate_limit_per_second from api_keys where key_hash = :hash and revoked_at is null")
                .bind("hash", keyHash)
                .map(row -> new ActiveKey(new ApiPrincipal(row.get("id", String.class), row.get("workspace_id", String.class),
                        row.get("role", String.class)), row.get("rate_limit_per_second", Integer.class)))
                .one();
    }

    /** Inserts the key unless one with the same hash exists; emits true when it was inserted. */
    public Mono<Boolean> insertIfAbsent(String id, String workspaceId, String name, String keyHash, String keyPrefix, String role) {
        return db.sql("""
                        insert into api_keys (id, workspace_id, name, key_hash, key_prefix, role)
                        values (:id, :workspace, :name, :hash, :prefix, :role)
                        on conflict (key_hash) do nothing""")
                .bind("id", id).bind("workspace", workspaceId).bind("name", name)
                .bind("hash", keyHash).bind("prefix", keyPrefix).bind("role", role)
                .fetch().rowsUpdated()
                .map(count -> count > 0);
    }
}
