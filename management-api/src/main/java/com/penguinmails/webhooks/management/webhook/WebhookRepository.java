package com.penguinmails.webhooks.management.webhook;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.SigningSecret;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Webhooks and their encrypted secrets. */
@Repository
class WebhookRepository {

    private static final String COLUMNS = "id, workspace_id, name, description, url, event_types, status, timeout_ms, "
            + "max_attempts, retries_enabled, flavor, filters::text as filters, headers::text as headers, failing, consecutive_failed_attempts, created_at, updated_at, created_by";

    private static final tools.jackson.core.type.TypeReference<java.util.Map<String, String>> HEADERS = new tools.jackson.core.type.TypeReference<>() {
    };

    private final DatabaseClient db;

    WebhookRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Inserts a new webhook, recording who created it: {@code actorId} is the caller's id, a dashboard user's (shown
     * as their e-mail address) or an API key's (shown as {@code API key <name> (<prefix>…)}).
     */
    Mono<WebhookRow> insert(WebhookRow row, String actorId) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        insert into webhooks (id, workspace_id, name, description, url, event_types, status, timeout_ms,
                                              max_attempts, retries_enabled, flavor, filters, headers, created_at, updated_at, created_by)
                        values (:id, :workspace, :name, :description, :url, :events, :status, :timeout, :attempts, :retries, :flavor,
                                cast(:filters as jsonb), cast(:headers as jsonb), :created, :updated,
                                coalesce((select u.email from users u where u.id = :actor and u.workspace_id = :workspace),
                                         (select 'API key ' || k.name || ' (' || k.key_prefix || '…)' from api_keys k
                                          where k.id = :actor and k.workspace_id = :workspace)))
                        returning\s""" + COLUMNS)
                .bind("actor", actorId == null ? "" : actorId)
                .bind("id", row.id()).bind("workspace", row.workspaceId()).bind("name", row.name())
                .bind("url", row.url()).bind("events", row.eventTypes().toArray(String[]::new))
                .bind("status", row.status()).bind("timeout", (int) row.timeoutMillis())
                .bind("attempts", row.maxAttempts()).bind("retries", row.retriesEnabled()).bind("flavor", row.flavor())
                .bind("created", row.createdAt()).bind("updated", row.updatedAt());
        spec = row.description() == null ? spec.bindNull("description", String.class) : spec.bind("description", row.description());
        return filters(spec, row).map(WebhookRepository::toRow).one();
    }

    private static DatabaseClient.GenericExecuteSpec filters(DatabaseClient.GenericExecuteSpec spec, WebhookRow row) {
        spec = row.headers() == null ? spec.bindNull("headers", String.class) : spec.bind("headers", Json.writeString(row.headers()));
        return row.filters() == null ? spec.bindNull("filters", String.class) : spec.bind("filters", Json.writeString(row.filters()));
    }

    /** The plan of the webhook's workspace, which travels with its config to the dispatcher. */
    Mono<String> workspacePlan(String workspaceId) {
        return db.sql("select plan from workspaces where id = :id").bind("id", workspaceId)
                .map(row -> row.get("plan", String.class)).one();
    }

    Mono<Void> insertSecret(String webhookId, String encryptedSecret) {
        return db.sql("insert into webhook_secrets (webhook_id, encrypted_secret) values (:webhook, :secret)")
                .bind("webhook", webhookId).bind("secret", encryptedSecret)
                .then();
    }

    /** Secrets still valid, newest first: the first one signs, all are offered during a rotation. */
    Flux<SigningSecret> liveSecrets(String webhookId, Instant now) {
        return db.sql("""
                        select encrypted_secret, expires_at from webhook_secrets
                        where webhook_id = :webhook and (expires_at is null or expires_at > :now)
                        order by id desc""")
                .bind("webhook", webhookId).bind("now", now)
                .map(row -> new SigningSecret(row.get("encrypted_secret", String.class), instant(row.get("expires_at", OffsetDateTime.class))))
                .all();
    }

    /** A live secret sealed by another key than the current one: it should be encrypted again. */
    record StaleSecret(long id, String webhookId, String workspaceId, String encrypted) {
    }

    /** Up to {@code limit} live secrets not sealed by the key {@code currentKeyId}, grouped by webhook. */
    Flux<StaleSecret> staleSecrets(String currentKeyId, Instant now, int limit) {
        String prefix = currentKeyId + ":";
        return db.sql("""
                        select s.id, s.webhook_id, w.workspace_id, s.encrypted_secret
                        from webhook_secrets s join webhooks w on w.id = s.webhook_id
                        where left(s.encrypted_secret, :length) <> :prefix and (s.expires_at is null or s.expires_at > :now)
                        order by s.webhook_id, s.id limit :limit""")
                .bind("length", prefix.length()).bind("prefix", prefix).bind("now", now).bind("limit", limit)
                .map(row -> new StaleSecret(row.get("id", Long.class), row.get("webhook_id", String.class),
                        row.get("workspace_id", String.class), row.get("encrypted_secret", String.class)))
                .all();
    }

    Mono<Void> replaceSecret(long id, String encryptedSecret) {
        return db.sql("update webhook_secrets set encrypted_secret = :secret where id = :id")
                .bind("secret", encryptedSecret).bind("id", id)
                .then();
    }

    /** Gives every current secret of the webhook an end: the start of a rotation's grace period. */
    Mono<Void> expireCurrentSecrets(String webhookId, Instant expiresAt) {
        return db.sql("update webhook_secrets set expires_at = :at where webhook_id = :webhook and (expires_at is null or expires_at > :at)")
                .bind("webhook", webhookId).bind("at", expiresAt)
                .then();
    }

    /** Replaces the webhook's settings; emits the updated row, or nothing when it is not in the workspace. */
    Mono<WebhookRow> update(WebhookRow row) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        update webhooks set name = :name, description = :description, url = :url, event_types = :events,
                            status = :status, timeout_ms = :timeout, max_attempts = :attempts, retries_enabled = :retries,
                            filters = cast(:filters as jsonb), headers = cast(:headers as jsonb), updated_at = :updated
                        where workspace_id = :workspace and id = :id
                        returning\s""" + COLUMNS)
                .bind("id", row.id()).bind("workspace", row.workspaceId()).bind("name", row.name())
                .bind("url", row.url()).bind("events", row.eventTypes().toArray(String[]::new))
                .bind("status", row.status()).bind("timeout", (int) row.timeoutMillis())
                .bind("attempts", row.maxAttempts()).bind("retries", row.retriesEnabled()).bind("updated", row.updatedAt());
        spec = row.description() == null ? spec.bindNull("description", String.class) : spec.bind("description", row.description());
        return filters(spec, row).map(WebhookRepository::toRow).one();
    }

    /**
     * Clears the webhook's failure streak as it is resumed: its failed attempts in a row and its failing flag (the
     * health columns of {@code health/HealthRepository}), so that a webhook paused for failing starts afresh.
     */
    Mono<Void> resetStreakOnResume(String id) {
        return db.sql("update webhooks set consecutive_failed_attempts = 0, failing = false where id = :id")
                .bind("id", id).then();
    }

    /** Deletes the webhook (its secrets go with it); emits whether it existed in the workspace. */
    Mono<Boolean> delete(String workspaceId, String id) {
        return db.sql("delete from webhooks where workspace_id = :workspace and id = :id")
                .bind("workspace", workspaceId).bind("id", id)
                .fetch().rowsUpdated()
                .map(count -> count > 0);
    }

    /** The workspace's webhooks that pass the query's filters, newest first, from its cursor on: one more than the page. */
    Flux<WebhookRow> findPage(String workspaceId, WebhookListQuery query) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from webhooks where workspace_id = :workspace");
        if (query.status() != null) {
            sql.append(" and status = :status");
        }
        if (query.eventTypes() != null) {
            sql.append(" and event_types && :types::text[]");
        }
        if (query.search() != null) {
            sql.append(" and (lower(name) like :search or lower(url) like :search)");
        }
        if (query.page().after() != null) {
            sql.append(" and (created_at, id) < (:afterTime, :afterId)");
        }
        sql.append(" order by created_at desc, id desc limit :limit");
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString()).bind("workspace", workspaceId)
                .bind("limit", query.page().fetchSize());
        if (query.status() != null) {
            spec = spec.bind("status", query.status());
        }
        if (query.eventTypes() != null) {
            spec = spec.bind("types", query.eventTypes().toArray(String[]::new));
        }
        if (query.search() != null) {
            spec = spec.bind("search", query.searchPattern());
        }
        if (query.page().after() != null) {
            spec = spec.bind("afterTime", query.page().after().createdAt()).bind("afterId", query.page().after().id());
        }
        return spec.map(WebhookRepository::toRow).all();
    }

    /** The workspace's webhooks of one flavor (as the {@code /v1} API lists its own), newest first. */
    Flux<WebhookRow> findByFlavor(String workspaceId, String flavor) {
        return db.sql("select " + COLUMNS + " from webhooks where workspace_id = :workspace and flavor = :flavor"
                        + " order by created_at desc, id desc")
                .bind("workspace", workspaceId).bind("flavor", flavor)
                .map(WebhookRepository::toRow)
                .all();
    }

    Mono<WebhookRow> findById(String workspaceId, String id) {
        return db.sql("select " + COLUMNS + " from webhooks where workspace_id = :workspace and id = :id")
                .bind("workspace", workspaceId).bind("id", id)
                .map(WebhookRepository::toRow)
                .one();
    }

    private static WebhookRow toRow(Readable row) {
        String[] events = row.get("event_types", String[].class);
        return new WebhookRow(row.get("id", String.class), row.get("workspace_id", String.class),
                row.get("name", String.class), row.get("description", String.class), row.get("url", String.class),
                events == null ? java.util.List.of() : Arrays.asList(events), row.get("status", String.class),
                row.get("timeout_ms", Integer.class), row.get("max_attempts", Integer.class),
                Boolean.TRUE.equals(row.get("retries_enabled", Boolean.class)),
                row.get("flavor", String.class), filtersOf(row.get("filters", String.class)),
                headersOf(row.get("headers", String.class)),
                Boolean.TRUE.equals(row.get("failing", Boolean.class)), row.get("consecutive_failed_attempts", Integer.class),
                instant(row.get("created_at", OffsetDateTime.class)),
                instant(row.get("updated_at", OffsetDateTime.class)), row.get("created_by", String.class));
    }

    private static tools.jackson.databind.JsonNode filtersOf(String json) {
        return json == null ? null : Json.mapper().readTree(json);
    }

    private static java.util.Map<String, String> headersOf(String json) {
        return json == null ? null : Json.mapper().readValue(json, HEADERS);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
