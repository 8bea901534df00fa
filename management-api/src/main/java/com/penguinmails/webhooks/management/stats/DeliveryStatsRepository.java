package com.penguinmails.webhooks.management.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.r2dbc.spi.Readable;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/** The per-minute delivery rollups ({@code delivery_stats_minutes}) and the webhook counts of the overview. */
@Repository
class DeliveryStatsRepository {

    /** The sums every stats query reads, the histogram summed bucket by bucket (b1 … b21). */
    private static final String SUMS = "coalesce(sum(sent), 0) as sent, coalesce(sum(delivered), 0) as delivered, "
            + "coalesce(sum(failed), 0) as failed, coalesce(sum(dead_lettered), 0) as dead_lettered, "
            + "coalesce(sum(duration_sum_ms), 0) as duration_sum, coalesce(max(max_duration_ms), 0) as max_duration, "
            + IntStream.rangeClosed(1, LatencyHistogram.BUCKETS)
                    .mapToObj(i -> "coalesce(sum(latency_buckets[" + i + "]), 0) as b" + i).collect(Collectors.joining(", "));

    private final DatabaseClient db;

    DeliveryStatsRepository(DatabaseClient db) {
        this.db = db;
    }

    /** Sums of a span of minutes. */
    record Totals(long sent, long delivered, long failed, long deadLettered, long durationSumMillis, long maxDurationMillis,
                  long[] latencyBuckets) {
    }

    /** Sums of one UTC day. */
    record Day(LocalDate date, Totals totals) {
    }

    /** The webhooks of a workspace: all of them, those active, those marked failing. */
    record WebhookCounts(long total, long active, long failing) {
    }

    /**
     * Adds each row to its minute, creating it when missing, in one statement; rows in key order, so two batches lock
     * shared minutes in the same order. Call it in the transaction that recorded the attempts.
     */
    Mono<Void> add(List<MinuteRollup> rows) {
        return db.sql("""
                        insert into delivery_stats_minutes (workspace_id, webhook_id, minute, sent, delivered, failed,
                            dead_lettered, duration_sum_ms, max_duration_ms, latency_buckets)
                        select workspace, webhook, minute, sent, delivered, failed, dead, duration_sum, max_duration,
                            cast(buckets as integer[])
                        from unnest(:workspaces::text[], :webhooks::text[], :minutes::timestamptz[], :sent::int[],
                            :delivered::int[], :failed::int[], :dead::int[], :durationSums::bigint[], :maxDurations::bigint[],
                            :buckets::text[]) with ordinality
                            as r(workspace, webhook, minute, sent, delivered, failed, dead, duration_sum, max_duration, buckets, n)
                        order by n
                        on conflict (webhook_id, workspace_id, minute) do update set
                            sent = delivery_stats_minutes.sent + excluded.sent,
                            delivered = delivery_stats_minutes.delivered + excluded.delivered,
                            failed = delivery_stats_minutes.failed + excluded.failed,
                            dead_lettered = delivery_stats_minutes.dead_lettered + excluded.dead_lettered,
                            duration_sum_ms = delivery_stats_minutes.duration_sum_ms + excluded.duration_sum_ms,
                            max_duration_ms = greatest(delivery_stats_minutes.max_duration_ms, excluded.max_duration_ms),
                            latency_buckets = (select array_agg(coalesce(old, 0) + coalesce(new, 0) order by i)
                                from unnest(delivery_stats_minutes.latency_buckets, excluded.latency_buckets)
                                    with ordinality as b(old, new, i))""")
                .bind("workspaces", column(rows, MinuteRollup::workspaceId))
                .bind("webhooks", column(rows, MinuteRollup::webhookId))
                .bind("minutes", column(rows, row -> row.minute().toString()))
                .bind("sent", rows.stream().map(MinuteRollup::sent).toArray(Integer[]::new))
                .bind("delivered", rows.stream().map(MinuteRollup::delivered).toArray(Integer[]::new))
                .bind("failed", rows.stream().map(MinuteRollup::failed).toArray(Integer[]::new))
                .bind("dead", rows.stream().map(MinuteRollup::deadLettered).toArray(Integer[]::new))
                .bind("durationSums", rows.stream().map(MinuteRollup::durationSumMillis).toArray(Long[]::new))
                .bind("maxDurations", rows.stream().map(MinuteRollup::maxDurationMillis).toArray(Long[]::new))
                .bind("buckets", column(rows, row -> Arrays.stream(row.latencyBuckets()).mapToObj(Integer::toString)
                        .collect(Collectors.joining(",", "{", "}"))))
                .then();
    }

    private static String[] column(List<MinuteRollup> rows, Function<MinuteRollup, String> value) {
        return rows.stream().map(value).toArray(String[]::new);
    }

    Mono<Boolean> webhookExists(String workspaceId, String webhookId) {
        return db.sql("select exists (select 1 from webhooks where id = :id and workspace_id = :workspace) as found")
                .bind("id", webhookId).bind("workspace", workspaceId)
                .map(row -> row.get("found", Boolean.class))
                .one();
    }

    Mono<WebhookCounts> webhookCounts(String workspaceId) {
        return db.sql("""
                        select count(*) as total, count(*) filter (where status = 'active') as active,
                            count(*) filter (where failing) as failing
                        from webhooks where workspace_id = :workspace""")
                .bind("workspace", workspaceId)
                .map(row -> new WebhookCounts(row.get("total", Long.class), row.get("active", Long.class), row.get("failing", Long.class)))
                .one();
    }

    /** The sums of every webhook of the workspace over the minutes in [from, until). */
    Mono<Totals> workspaceTotals(String workspaceId, Instant from, Instant until) {
        return db.sql("select " + SUMS + " from delivery_stats_minutes"
                        + " where workspace_id = :workspace and minute >= :from and minute < :until")
                .bind("workspace", workspaceId).bind("from", from).bind("until", until)
                .map(DeliveryStatsRepository::totals)
                .one();
    }

    /** The sums of one webhook over the minutes in [from, until). */
    Mono<Totals> webhookTotals(String workspaceId, String webhookId, Instant from, Instant until) {
        return db.sql("select " + SUMS + " from delivery_stats_minutes"
                        + " where webhook_id = :webhook and workspace_id = :workspace and minute >= :from and minute < :until")
                .bind("webhook", webhookId).bind("workspace", workspaceId).bind("from", from).bind("until", until)
                .map(DeliveryStatsRepository::totals)
                .one();
    }

    /** The sums of one webhook per UTC day over the minutes in [from, until), only days with a row, oldest first. */
    Mono<List<Day>> webhookDays(String workspaceId, String webhookId, Instant from, Instant until) {
        return db.sql("select (minute at time zone 'UTC')::date as day, " + SUMS + " from delivery_stats_minutes"
                        + " where webhook_id = :webhook and workspace_id = :workspace and minute >= :from and minute < :until"
                        + " group by day order by day")
                .bind("webhook", webhookId).bind("workspace", workspaceId).bind("from", from).bind("until", until)
                .map(row -> new Day(row.get("day", LocalDate.class), totals(row)))
                .all()
                .collectList();
    }

    private static Totals totals(Readable row) {
        long[] buckets = new long[LatencyHistogram.BUCKETS];
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = number(row, "b" + (i + 1));
        }
        return new Totals(number(row, "sent"), number(row, "delivered"), number(row, "failed"), number(row, "dead_lettered"),
                number(row, "duration_sum"), number(row, "max_duration"), buckets);
    }

    /** sum(integer) is a bigint, sum(bigint) a numeric: read either as a long. */
    private static long number(Readable row, String column) {
        Number value = row.get(column, Number.class);
        return value == null ? 0 : value.longValue();
    }
}
