package com.penguinmails.webhooks.management.delivery;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.penguinmails.webhooks.management.page.Cursor;
import com.penguinmails.webhooks.model.AttemptOutcome;
import com.penguinmails.webhooks.model.AttemptRecord;
import com.penguinmails.webhooks.model.Json;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The delivery log: one row per delivery, one child row per attempt. */
@Repository
class DeliveryRepository {

    private static final String DELIVERY_COLUMNS = "id, webhook_id, event_id, event_type, status, attempts, max_attempts, "
            + "last_status_code, last_duration_ms, last_error, last_error_class, created_at, last_attempt_at, next_attempt_at, is_test, archived_at";

    private final DatabaseClient db;
    private final TransactionalOperator transaction;

    DeliveryRepository(DatabaseClient db, TransactionalOperator transaction) {
        this.db = db;
        this.transaction = transaction;
    }

    /**
     * Records a batch of attempts in one statement per table,: idempotent (an
     * attempt seen twice, in this batch or an earlier one, is stored once) and monotonic (a delivery keeps the state of
     * its latest attempt). Emits the attempts that were new, in the batch's order; call it in a transaction.
     */
    Mono<List<AttemptRecord>> recordAll(List<AttemptRecord> batch) {
        if (batch.isEmpty()) {
            return Mono.just(List.of());
        }
        // one row a delivery: its latest attempt in the batch (a statement may not update a row twice)
        Map<String, AttemptRecord> latest = new LinkedHashMap<>();
        for (AttemptRecord attempt : batch) {
            latest.merge(attempt.deliveryId(), attempt, (seen, next) -> next.attempt() >= seen.attempt() ? next : seen);
        }
        List<AttemptRecord> deliveries = List.copyOf(latest.values());
        // the body comes with a delivery's first attempt, which may share the batch with a later one
        Map<String, String> bodies = new java.util.HashMap<>();
        for (AttemptRecord attempt : batch) {
            if (attempt.requestBody() != null) {
                bodies.putIfAbsent(attempt.deliveryId(), attempt.requestBody());
            }
        }
        Mono<Long> upserted = db.sql("""
                        insert into webhook_deliveries (id, webhook_id, workspace_id, event_id, event_type, status, attempts,
                            max_attempts, last_status_code, last_duration_ms, last_error, last_error_class, created_at,
                            last_attempt_at, next_attempt_at, is_test, request_body)
                        select id, webhook_id, workspace_id, event_id, event_type, status, attempts, max_attempts, code,
                            duration, error, error_class, at, at, next, test, body
                        from unnest(:ids::text[], :webhooks::text[], :workspaces::text[], :events::text[], :types::text[],
                            :statuses::text[], :attempts::int[], :maxes::int[], :codes::int[], :durations::bigint[],
                            :errors::text[], :errorClasses::text[], :ats::timestamptz[], :nexts::timestamptz[], :tests::boolean[],
                            :bodies::text[])
                            as d(id, webhook_id, workspace_id, event_id, event_type, status, attempts, max_attempts, code,
                                 duration, error, error_class, at, next, test, body)
                        on conflict (id) do update set status = excluded.status, attempts = excluded.attempts,
                            max_attempts = excluded.max_attempts, last_status_code = excluded.last_status_code,
                            last_duration_ms = excluded.last_duration_ms, last_error = excluded.last_error,
                            last_error_class = excluded.last_error_class,
                            last_attempt_at = excluded.last_attempt_at, next_attempt_at = excluded.next_attempt_at,
                            request_body = coalesce(webhook_deliveries.request_body, excluded.request_body)
                        where webhook_deliveries.attempts <= excluded.attempts""")
                .bind("ids", column(deliveries, AttemptRecord::deliveryId))
                .bind("webhooks", column(deliveries, AttemptRecord::webhookId))
                .bind("workspaces", column(deliveries, AttemptRecord::workspaceId))
                .bind("events", column(deliveries, AttemptRecord::eventId))
                .bind("types", column(deliveries, AttemptRecord::eventType))
                .bind("statuses", column(deliveries, attempt -> status(attempt.outcome())))
                .bind("attempts", deliveries.stream().map(AttemptRecord::attempt).toArray(Integer[]::new))
                .bind("maxes", deliveries.stream().map(AttemptRecord::maxAttempts).toArray(Integer[]::new))
                .bind("codes", deliveries.stream().map(AttemptRecord::statusCode).toArray(Integer[]::new))
                .bind("durations", deliveries.stream().map(AttemptRecord::durationMillis).toArray(Long[]::new))
                .bind("errors", column(deliveries, AttemptRecord::error))
                .bind("errorClasses", column(deliveries, AttemptRecord::errorClass))
                .bind("ats", column(deliveries, attempt -> attempt.attemptedAt().toString()))
                .bind("nexts", column(deliveries, attempt -> attempt.nextAttemptAt() == null ? null : attempt.nextAttemptAt().toString()))
                .bind("tests", deliveries.stream().map(AttemptRecord::test).toArray(Boolean[]::new))
                .bind("bodies", deliveries.stream().map(delivery -> bodies.get(delivery.deliveryId())).toArray(String[]::new))
                .fetch().rowsUpdated();
        Mono<Set<String>> inserted = db.sql("""
                        insert into delivery_attempts (delivery_id, attempt, outcome, url, status_code, duration_ms, error,
                            error_class, request_headers, response_headers, response_body, response_truncated, attempted_at,
                            next_attempt_at, trace_id)
                        select id, attempt, outcome, url, code, duration, error, error_class, cast(headers as jsonb),
                            cast(response_headers as jsonb), body, truncated, at, next, trace
                        from unnest(:ids::text[], :attempts::int[], :outcomes::text[], :urls::text[], :codes::int[],
                            :durations::bigint[], :errors::text[], :errorClasses::text[], :headers::text[],
                            :responseHeaders::text[], :bodies::text[], :truncated::boolean[], :ats::timestamptz[],
                            :nexts::timestamptz[], :traces::text[])
                            as a(id, attempt, outcome, url, code, duration, error, error_class, headers, response_headers,
                                 body, truncated, at, next, trace)
                        on conflict do nothing
                        returning delivery_id, attempt""")
                .bind("ids", column(batch, AttemptRecord::deliveryId))
                .bind("attempts", batch.stream().map(AttemptRecord::attempt).toArray(Integer[]::new))
                .bind("outcomes", column(batch, attempt -> attempt.outcome().name()))
                .bind("urls", column(batch, AttemptRecord::url))
                .bind("codes", batch.stream().map(AttemptRecord::statusCode).toArray(Integer[]::new))
                .bind("durations", batch.stream().map(AttemptRecord::durationMillis).toArray(Long[]::new))
                .bind("errors", column(batch, AttemptRecord::error))
                .bind("errorClasses", column(batch, AttemptRecord::errorClass))
                .bind("headers", column(batch, attempt -> Json.writeString(attempt.requestHeaders() == null ? Map.of() : attempt.requestHeaders())))
                .bind("responseHeaders", column(batch, attempt -> Json.writeString(attempt.responseHeaders() == null ? Map.of() : attempt.responseHeaders())))
                .bind("bodies", column(batch, AttemptRecord::responseBody))
                .bind("truncated", batch.stream().map(AttemptRecord::responseTruncated).toArray(Boolean[]::new))
                .bind("ats", column(batch, attempt -> attempt.attemptedAt().toString()))
                .bind("nexts", column(batch, attempt -> attempt.nextAttemptAt() == null ? null : attempt.nextAttemptAt().toString()))
                .bind("traces", column(batch, AttemptRecord::traceId))
                .map(row -> row.get("delivery_id", String.class) + "#" + row.get("attempt", Integer.class))
                .all()
                .collect(Collectors.toSet());
        return upserted.then(inserted).map(isNew -> {
            List<AttemptRecord> fresh = new ArrayList<>();
            for (AttemptRecord attempt : batch) {
                // a repeat within the batch was inserted once: the first of them is the new one
                if (isNew.remove(attempt.deliveryId() + "#" + attempt.attempt())) {
                    fresh.add(attempt);
                }
            }
            return fresh;
        });
    }

    private static String[] column(List<AttemptRecord> attempts, Function<AttemptRecord, String> value) {
        return attempts.stream().map(value).toArray(String[]::new);
    }

    Mono<Boolean> webhookExists(String workspaceId, String webhookId) {
        return db.sql("select exists (select 1 from webhooks where id = :id and workspace_id = :workspace) as found")
                .bind("id", webhookId).bind("workspace", workspaceId)
                .map(row -> row.get("found", Boolean.class))
                .one();
    }

    /**
     * Up to {@code rows} of the webhook's deliveries that pass the query's filters, newest first, after the cursor
     * (from the newest without one).
     */
    Flux<DeliveryView> findPage(String workspaceId, String webhookId, DeliveryListQuery query, Cursor after, int rows) {
        StringBuilder sql = new StringBuilder("select " + DELIVERY_COLUMNS
                + " from webhook_deliveries where workspace_id = :workspace and webhook_id = :webhook");
        if (!query.includeArchived()) {
            sql.append(" and archived_at is null");
        }
        if (query.status() != null) {
            sql.append(" and status = :status");
        }
        if (query.eventTypes() != null) {
            sql.append(" and event_type = any(:types::text[])");
        }
        if (query.from() != null) {
            sql.append(" and created_at >= :from");
        }
        if (query.to() != null) {
            sql.append(" and created_at < :to");
        }
        if (query.statusClass() != null) {
            sql.append(query.statusClass().equals("none") ? " and last_status_code is null"
                    : " and last_status_code between :classLow and :classLow + 99");
        }
        if (query.searchKind() != null) {
            sql.append(switch (query.searchKind()) {
                case EVENT_ID -> " and event_id = :search";
                case DELIVERY_ID -> " and id = :search";
                // spec 002: e-mail events name the contact in data.contact, contact events in data itself
                case CONTACT_EMAIL -> " and event_id in (select e.id from webhook_events e where e.workspace_id = :workspace"
                        + " and lower(coalesce(e.envelope #>> '{data,contact,email}', e.envelope #>> '{data,email}')) = :search)";
            });
        }
        if (after != null) {
            sql.append(" and (created_at, id) < (:afterTime, :afterId)");
        }
        sql.append(" order by created_at desc, id desc limit :limit");
        DatabaseClient.GenericExecuteSpec spec = db.sql(sql.toString())
                .bind("workspace", workspaceId).bind("webhook", webhookId).bind("limit", rows);
        if (query.status() != null) {
            spec = spec.bind("status", query.status());
        }
        if (query.eventTypes() != null) {
            spec = spec.bind("types", query.eventTypes().toArray(String[]::new));
        }
        if (query.from() != null) {
            spec = spec.bind("from", query.from());
        }
        if (query.to() != null) {
            spec = spec.bind("to", query.to());
        }
        if (query.statusClass() != null && !query.statusClass().equals("none")) {
            spec = spec.bind("classLow", (query.statusClass().charAt(0) - '0') * 100);
        }
        if (query.searchKind() != null) {
            spec = spec.bind("search", query.searchKind() == DeliveryListQuery.SearchKind.CONTACT_EMAIL
                    ? query.search().toLowerCase(java.util.Locale.ROOT) : query.search());
        }
        if (after != null) {
            spec = spec.bind("afterTime", after.createdAt()).bind("afterId", after.id());
        }
        return spec.map(DeliveryRepository::toDelivery).all();
    }

    /**
     * The failed-deliveries summary of the webhook's deliveries created since {@code since}, archived ones left out, in
     * one aggregate over the log (uncapped): how many are pending a retry and how many exhausted their retries, and the
     * last error most of them share (a status code, else an error class, else none; ties to the lowest code, then
     * class).
     */
    Mono<FailedDeliverySummary> failedSummary(String workspaceId, String webhookId, Instant since) {
        return db.sql("""
                        with failed as (
                            select status, last_status_code as code,
                                   case when last_status_code is null then last_error_class end as error_class
                            from webhook_deliveries
                            where workspace_id = :workspace and webhook_id = :webhook and created_at >= :since
                              and archived_at is null and status in ('pending_retry', 'failed'))
                        select (select count(*) from failed where status = 'pending_retry') as pending,
                               (select count(*) from failed where status = 'failed') as exhausted,
                               top.code, top.error_class, coalesce(top.occurrences, 0) as occurrences
                        from (select 1) as one left join lateral (
                            select code, error_class, count(*) as occurrences from failed group by code, error_class
                            order by occurrences desc, code nulls last, error_class nulls last limit 1) as top on true""")
                .bind("workspace", workspaceId).bind("webhook", webhookId).bind("since", since)
                .map(row -> new FailedDeliverySummary(row.get("pending", Long.class), row.get("exhausted", Long.class),
                        row.get("code", Integer.class), row.get("error_class", String.class), row.get("occurrences", Long.class)))
                .one();
    }

    /** Archives the webhook's failed deliveries not archived yet ("Clear Failed Log"); emits how many. */
    Mono<Long> archiveFailed(String workspaceId, String webhookId, Instant now) {
        return db.sql("update webhook_deliveries set archived_at = :now where workspace_id = :workspace and webhook_id = :webhook"
                        + " and status = 'failed' and archived_at is null")
                .bind("now", now).bind("workspace", workspaceId).bind("webhook", webhookId)
                .fetch().rowsUpdated();
    }

    Mono<DeliveryView> findById(String workspaceId, String webhookId, String deliveryId) {
        return db.sql("select " + DELIVERY_COLUMNS + ", request_body from webhook_deliveries"
                        + " where workspace_id = :workspace and webhook_id = :webhook and id = :id")
                .bind("workspace", workspaceId).bind("webhook", webhookId).bind("id", deliveryId)
                .map(row -> toDelivery(row).withRequestBody(row.get("request_body", String.class)))
                .one();
    }

    Flux<AttemptView> attempts(String deliveryId) {
        return db.sql("""
                        select attempt, outcome, url, status_code, duration_ms, error, error_class,
                               request_headers::text as headers, response_headers::text as response_headers,
                               response_body, response_truncated, attempted_at, next_attempt_at, trace_id
                        from delivery_attempts where delivery_id = :id order by attempt""")
                .bind("id", deliveryId)
                .map(row -> new AttemptView(row.get("attempt", Integer.class), row.get("outcome", String.class).toLowerCase(),
                        row.get("url", String.class), row.get("status_code", Integer.class), row.get("duration_ms", Long.class),
                        row.get("error", String.class), row.get("error_class", String.class),
                        headers(row.get("headers", String.class)), headers(row.get("response_headers", String.class)),
                        row.get("response_body", String.class), Boolean.TRUE.equals(row.get("response_truncated", Boolean.class)),
                        instant(row, "attempted_at"), instant(row, "next_attempt_at"), row.get("trace_id", String.class)))
                .all();
    }

    /** The delivery's status after an attempt with this outcome. */
    static String status(AttemptOutcome outcome) {
        return switch (outcome) {
            case DELIVERED -> "delivered";
            case RETRY_SCHEDULED -> "pending_retry";
            case DEAD_LETTERED -> "failed";
            case SKIPPED -> "skipped";
        };
    }

    /** Binds the attempt's optional values that both statements share. */
    private static DatabaseClient.GenericExecuteSpec bindNullable(DatabaseClient.GenericExecuteSpec spec, AttemptRecord attempt) {
        spec = nullable(spec, "code", attempt.statusCode(), Integer.class);
        spec = nullable(spec, "error", attempt.error(), String.class);
        spec = nullable(spec, "errorClass", attempt.errorClass(), String.class);
        return nullable(spec, "next", attempt.nextAttemptAt(), Instant.class);
    }

    private static <T> DatabaseClient.GenericExecuteSpec nullable(DatabaseClient.GenericExecuteSpec spec, String name, T value, Class<T> type) {
        return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
    }

    private static DeliveryView toDelivery(Readable row) {
        return new DeliveryView(row.get("id", String.class), row.get("webhook_id", String.class), row.get("event_id", String.class),
                row.get("event_type", String.class), row.get("status", String.class), row.get("attempts", Integer.class),
                row.get("max_attempts", Integer.class), row.get("last_status_code", Integer.class),
                row.get("last_duration_ms", Long.class), row.get("last_error", String.class),
                row.get("last_error_class", String.class), instant(row, "created_at"),
                instant(row, "last_attempt_at"), instant(row, "next_attempt_at"),
                Boolean.TRUE.equals(row.get("is_test", Boolean.class)) ? Boolean.TRUE : null, instant(row, "archived_at"), null, null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> headers(String json) {
        return json == null ? Map.of() : Json.read(json, Map.class);
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime time = row.get(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
