package com.penguinmails.webhooks.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

/**
 * How fast the stats endpoints answer with 10 million deliveries stored: fills {@code delivery_stats_minutes} with
 * rollups that add up to that many attempts (every webhook, every minute of the last days) and, unless told not to,
 * {@code webhook_deliveries} with as many rows, both with generate_series straight in the stack's PostgreSQL; then times
 * {@code GET /api/v1/platform/stats} and {@code GET /api/v1/platform/webhooks/{id}/stats} over HTTP, one request at a
 * time. Prints Markdown table rows. Run it with {@code bench/stats.sh}.
 */
public final class StatsBench {

    private StatsBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        String api = options.getOrDefault("api", "http://localhost:48080");
        String apiKey = options.getOrDefault("api-key", "pm_bench_key");
        String jdbc = options.getOrDefault("jdbc", "jdbc:postgresql://127.0.0.1:45433/postgres");
        long deliveries = Long.parseLong(options.getOrDefault("deliveries", "10000000"));
        long logRows = Long.parseLong(options.getOrDefault("log-rows", Long.toString(deliveries)));
        int days = Integer.parseInt(options.getOrDefault("days", "30"));
        int ownWebhooks = Integer.parseInt(options.getOrDefault("webhooks", "10"));
        int otherWebhooks = Integer.parseInt(options.getOrDefault("other-webhooks", "90"));
        int runs = Integer.parseInt(options.getOrDefault("runs", "200"));

        HttpClient http = HttpClient.newHttpClient();
        List<String> own = new ArrayList<>();
        for (int i = 0; i < ownWebhooks; i++) {
            String body = "{\"name\":\"Stats bench " + i + "\",\"url\":\"https://stats-bench.example.com/" + i + "\",\"events\":[\"campaign.paused\"]}";
            HttpResponse<String> created = http.send(HttpRequest.newBuilder(URI.create(api + "/api/v1/platform/webhooks"))
                    .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("creating a webhook: " + created.statusCode() + " " + created.body());
            }
            own.add(created.body().replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1"));
        }

        try (Connection db = DriverManager.getConnection(jdbc, "postgres", "")) {
            long start = System.nanoTime();
            long rows = fillRollups(db, own, otherWebhooks, days, deliveries);
            double rollupSeconds = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            if (logRows > 0) {
                fillLog(db, own, otherWebhooks, days, logRows);
            }
            double logSeconds = (System.nanoTime() - start) / 1e9;
            try (Statement analyze = db.createStatement()) {
                analyze.execute("vacuum analyze delivery_stats_minutes");
                analyze.execute("vacuum analyze webhook_deliveries");
            }
            System.out.printf("filled: %,d rollup rows for %,d attempts (%d webhooks x %d days x 1,440 minutes) in %.0f s;"
                            + " %,d webhook_deliveries rows in %.0f s; sizes: rollups %s, delivery log %s%n",
                    rows, sum(db, "select coalesce(sum(sent), 0) from delivery_stats_minutes"), own.size() + otherWebhooks, days,
                    rollupSeconds, sum(db, "select count(*) from webhook_deliveries"), logSeconds,
                    text(db, "select pg_size_pretty(pg_total_relation_size('delivery_stats_minutes'))"),
                    text(db, "select pg_size_pretty(pg_total_relation_size('webhook_deliveries'))"));
        }

        String webhook = own.getFirst();
        System.out.println();
        System.out.println("| endpoint | rollup rows read | runs | p50 ms | p99 ms | max ms | mean ms |");
        System.out.println("|---|---|---|---|---|---|---|");
        System.out.println(time(http, api, apiKey, "/api/v1/platform/stats", runs, own.size() + " webhooks x 1,440 (x2: today and 24 h)"));
        System.out.println(time(http, api, apiKey, "/api/v1/platform/webhooks/" + webhook + "/stats", runs, "1,440 + 7 x 1,440"));
    }

    /**
     * Every webhook has a row for every minute of the last {@code days} days, relative to now, so that the measured
     * workspace's webhooks have full windows; the attempts are spread evenly (row k gets the k-th share of the total).
     */
    private static long fillRollups(Connection db, List<String> own, int others, int days, long deliveries) throws Exception {
        long minutes = days * 1_440L;
        long rows = (own.size() + others) * minutes;
        try (PreparedStatement fill = db.prepareStatement("""
                insert into delivery_stats_minutes (workspace_id, webhook_id, minute, sent, delivered, failed, dead_lettered,
                    duration_sum_ms, max_duration_ms, latency_buckets)
                select workspace, webhook, minute, sent, sent - fails, fails, fails / 2, sent * (40 + k % 400),
                    40 + k % 400 + k % 1000, array_fill(0, array[(k % 13)::int]) || sent || array_fill(0, array[(20 - k % 13)::int])
                from (select k, w, (?::bigint * (k + 1) / ?) - (?::bigint * k / ?) as sent,
                        case when k % 11 = 0 then 1 else 0 end as fails,
                        date_trunc('minute', now()) - make_interval(mins => (k % ?)::int) as minute,
                        case when w < ? then (?::text[])[w + 1] else 'wh_bench_other_' || w end as webhook,
                        case when w < ? then 'ws_demo' else 'ws_bench_' || (w % 9) end as workspace
                      from generate_series(0, ? - 1) as k, lateral (select (k / ?)::int as w) as x) as r
                where sent > 0
                on conflict do nothing""")) {
            int i = 1;
            fill.setLong(i++, deliveries);
            fill.setLong(i++, rows);
            fill.setLong(i++, deliveries);
            fill.setLong(i++, rows);
            fill.setLong(i++, minutes);
            fill.setInt(i++, own.size());
            fill.setArray(i++, db.createArrayOf("text", own.toArray()));
            fill.setInt(i++, own.size());
            fill.setLong(i++, rows);
            fill.setLong(i, minutes);
            return fill.executeLargeUpdate();
        }
    }

    /** As many delivery-log rows, spread over the same webhooks and days, so the tables are as big as they would be. */
    private static void fillLog(Connection db, List<String> own, int others, int days, long logRows) throws Exception {
        int webhooks = own.size() + others;
        try (PreparedStatement fill = db.prepareStatement("""
                insert into webhook_deliveries (id, webhook_id, workspace_id, event_id, event_type, status, attempts, max_attempts,
                    last_status_code, last_duration_ms, created_at, last_attempt_at)
                select 'dlv_bench_' || k, webhook, workspace, 'evt_bench_' || k, 'email.opened',
                    case when k % 11 = 0 then 'failed' else 'delivered' end, 1, 6,
                    case when k % 11 = 0 then 500 else 200 end, 40 + k % 400, at, at
                from (select k, now() - make_interval(secs => (k * ?::double precision / ?)) as at,
                        case when k % ? < ? then (?::text[])[(k % ?) + 1] else 'wh_bench_other_' || (k % ?) end as webhook,
                        case when k % ? < ? then 'ws_demo' else 'ws_bench_' || (k % 9) end as workspace
                      from generate_series(0, ? - 1) as k) as d""")) {
            int i = 1;
            fill.setDouble(i++, days * 86_400.0);
            fill.setLong(i++, logRows);
            fill.setInt(i++, webhooks);
            fill.setInt(i++, own.size());
            fill.setArray(i++, db.createArrayOf("text", own.toArray()));
            fill.setInt(i++, webhooks);
            fill.setInt(i++, webhooks);
            fill.setInt(i++, webhooks);
            fill.setInt(i++, own.size());
            fill.setLong(i, logRows);
            fill.executeLargeUpdate();
        }
    }

    private static String time(HttpClient http, String api, String apiKey, String path, int runs, String rowsRead) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(api + path)).header("Authorization", "Bearer " + apiKey).GET().build();
        for (int i = 0; i < 50; i++) { // warm-up: JIT, connection pools, PostgreSQL's caches
            check(http.send(request, HttpResponse.BodyHandlers.ofString()));
        }
        Histogram latency = new Histogram(60_000_000_000L, 3);
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            check(http.send(request, HttpResponse.BodyHandlers.ofString()));
            latency.recordValue(System.nanoTime() - start);
        }
        System.err.println(path + " -> " + http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        return String.format("| `GET %s` | %s | %d | %.1f | %.1f | %.1f | %.1f |", path.replaceAll("wh_[A-Za-z0-9]+", "{id}"),
                rowsRead, runs, latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6,
                latency.getMaxValue() / 1e6, latency.getMean() / 1e6);
    }

    private static void check(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.statusCode() + " " + response.body());
        }
    }

    private static long sum(Connection db, String sql) throws Exception {
        try (Statement query = db.createStatement(); ResultSet row = query.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    private static String text(Connection db, String sql) throws Exception {
        try (Statement query = db.createStatement(); ResultSet row = query.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }
}
