package com.penguinmails.webhooks.management.auth;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** API keys, stored as SHA-256 hashes only. */
@Repository
public class ApiKeyRepository {

    private static final String COLUMNS = "id, workspace_id, name, key_prefix, role, created_at, last_used_at, revoked_at";

    private final DatabaseClient db;

    ApiKeyRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A key that may call the API: who it is, and its own request rate when it has one (else null). */
    record ActiveKey(ApiPrincipal principal, Integer rateLimitPerSecond) {
    }

    /** A key as stored, without its hash: what the keys endpoints show. */
    record ApiKeyRow(String id, String workspaceId, String name, String prefix, String role, Instant createdAt,
                     Instant lastUsedAt, Instant revokedAt) {
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

    Mono<ApiKeyRow> insert(ApiKeyRow key, String keyHash) {
        return db.sql("""
                        insert into api_keys (id, workspace_id, name, key_hash, key_prefix, role, created_at)
                        values (:id, :workspace, :name, :hash, :prefix, :role, :created)
                        returning\s""" + COLUMNS)
                .bind("id", key.id()).bind("workspace", key.workspaceId()).bind("name", key.name())
                .bind("hash", keyHash).bind("prefix", key.prefix()).bind("role", key.role()).bind("created", key.createdAt())
                .map(ApiKeyRepository::toRow)
                .one();
    }

    /** The workspace's keys, revoked ones included, newest first. */
    Flux<ApiKeyRow> findAll(String workspaceId) {
        return db.sql("select " + COLUMNS + " from api_keys where workspace_id = :workspace order by created_at desc, id desc")
                .bind("workspace", workspaceId)
                .map(ApiKeyRepository::toRow)
                .all();
    }

    Mono<ApiKeyRow> findById(String workspaceId, String id) {
        return db.sql("select " + COLUMNS + " from api_keys where workspace_id = :workspace and id = :id")
                .bind("workspace", workspaceId).bind("id", id)
                .map(ApiKeyRepository::toRow)
                .one();
    }

    /**
     * The ids of the workspace's active admin keys, locked until the transaction ends: revocations that check "an
     * admin key remains" run one after the other, so two admins revoking each other cannot both succeed.
     */
    Mono<List<String>> lockActiveAdminKeys(String workspaceId) {
        return db.sql("select id from api_keys where workspace_id = :workspace and role = 'admin' and revoked_at is null order by id for update")
                .bind("workspace", workspaceId)
                .map(row -> row.get("id", String.class))
                .all()
                .collectList();
    }

    /** Marks the key revoked and emits its hash; empty when it is not an active key of the workspace. */
    Mono<String> revoke(String workspaceId, String id, Instant at) {
        return db.sql("update api_keys set revoked_at = :at where workspace_id = :workspace and id = :id and revoked_at is null returning key_hash")
                .bind("at", at).bind("workspace", workspaceId).bind("id", id)
                .map(row -> row.get("key_hash", String.class))
                .one();
    }

    /** Moves {@code last_used_at} forward to the given time (never back, should writes arrive out of order). */
    Mono<Void> touchLastUsed(String id, Instant at) {
        return db.sql("update api_keys set last_used_at = :at where id = :id and (last_used_at is null or last_used_at < :at)")
                .bind("at", at).bind("id", id)
                .then();
    }

    private static ApiKeyRow toRow(Readable row) {
        return new ApiKeyRow(row.get("id", String.class), row.get("workspace_id", String.class), row.get("name", String.class),
                row.get("key_prefix", String.class), row.get("role", String.class), instant(row.get("created_at", OffsetDateTime.class)),
                instant(row.get("last_used_at", OffsetDateTime.class)), instant(row.get("revoked_at", OffsetDateTime.class)));
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
