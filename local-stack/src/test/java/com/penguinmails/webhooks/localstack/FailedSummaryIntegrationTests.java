package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The delivery log's failed-deliveries summary (spec 004 "Failed Deliveries Summary"): every number in it counts the
 * same deliveries, those of the last 24 hours that failed (archived ones left out), all of them. The rows are written
 * straight into the log's table of the stack's PostgreSQL, as many and as old as the test needs, and the page's numbers
 * are compared with a count made here from those rows.
 */
class FailedSummaryIntegrationTests {

    private static final Duration DAY = Duration.ofHours(24);

    private final WebTestClient http = WebTestClient.bindToServer().baseUrl(TestStack.get().apiUrl())
            .responseTimeout(Duration.ofSeconds(30)).build();

    /** A row of {@code webhook_deliveries}, as much of it as the summary reads. */
    private record Delivery(String webhookId, String status, Integer statusCode, String errorClass, Duration age, boolean archived) {

        /** Whether the summary counts it: failed, in the last 24 hours, not archived. */
        boolean counted() {
            return (status.equals("failed") || status.equals("pending_retry")) && age.compareTo(DAY) < 0 && !archived;
        }

        /** The error it is counted under: its status code, else its error class, else none. */
        String error() {
            if (statusCode != null) {
                HttpStatus known = HttpStatus.resolve(statusCode);
                return statusCode + (known == null ? "" : " " + known.getReasonPhrase());
            }
            return errorClass != null ? errorClass : "no answer";
        }
    }

    @Test
    void showsSpec004sExampleWordForWord() throws Exception {
        DashboardWorkspace workspace = DashboardWorkspace.create();
        String id = webhook(workspace, "Spec example");
        Duration hour = Duration.ofHours(1);
        List<Delivery> rows = new ArrayList<>();
        // 3 pending retry, 8 exhausted: 7 of them answered 500
        rows.addAll(copies(2, new Delivery(id, "pending_retry", 500, null, hour, false)));
        rows.add(new Delivery(id, "pending_retry", null, "timeout", hour, false));
        rows.addAll(copies(5, new Delivery(id, "failed", 500, null, hour, false)));
        rows.addAll(copies(3, new Delivery(id, "failed", 502, null, hour, false)));
        // none of these counts: older than a day, archived, delivered, skipped
        rows.addAll(copies(4, new Delivery(id, "failed", 502, null, DAY.plusHours(2), false)));
        rows.addAll(copies(4, new Delivery(id, "failed", 502, null, hour, true)));
        rows.addAll(copies(4, new Delivery(id, "delivered", 200, null, hour, false)));
        rows.add(new Delivery(id, "skipped", null, null, hour, false));
        insert(workspace.id(), rows, Instant.now());

        Document page = logPage(DashboardHttp.session(http, workspace.adminEmail(), workspace.password()), id);

        assertThat(page.getElementById("failed-24h").text()).isEqualTo("11 in last 24 hours");
        assertThat(page.getElementById("failed-common").text()).isEqualTo("500 Internal Server Error (7 occurrences)");
        assertThat(page.getElementById("failed-retry-status").text()).isEqualTo("3 pending retry, 8 exhausted retries");
    }

    @Test
    void everyNumberMatchesABruteForceCountOfTheLastDaysDeliveries() throws Exception {
        DashboardWorkspace workspace = DashboardWorkspace.create();
        List<String> webhooks = List.of(webhook(workspace, "Busy"), webhook(workspace, "Quieter"), webhook(workspace, "Quiet"));
        Random random = new Random(20261124);
        List<Delivery> rows = new ArrayList<>();
        for (int i = 0; i < 2_000; i++) {
            rows.add(randomDelivery(random, pick(random, webhooks, 60, 25, 15)));
        }
        insert(workspace.id(), rows, Instant.now());
        // more failed deliveries in the window than a page of the log holds (200), so a capped count shows
        assertThat(rows.stream().filter(row -> row.webhookId().equals(webhooks.getFirst()) && row.counted()).count()).isGreaterThan(300);

        DashboardHttp.Session session = DashboardHttp.session(http, workspace.adminEmail(), workspace.password());
        for (String id : webhooks) {
            List<Delivery> counted = rows.stream().filter(row -> row.webhookId().equals(id) && row.counted()).toList();
            long pending = counted.stream().filter(row -> row.status().equals("pending_retry")).count();
            long exhausted = counted.stream().filter(row -> row.status().equals("failed")).count();
            // the most common error; a tie goes to the lowest status code, then error class, "no answer" last
            Map<List<Object>, Long> byError = counted.stream().collect(Collectors.groupingBy(
                    row -> java.util.Arrays.asList(row.statusCode(), row.statusCode() == null ? row.errorClass() : null),
                    LinkedHashMap::new, Collectors.counting()));
            Map.Entry<List<Object>, Long> common = byError.entrySet().stream().min(Comparator
                    .comparing((Map.Entry<List<Object>, Long> e) -> -e.getValue())
                    .thenComparing(e -> (Integer) e.getKey().get(0), Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparing(e -> (String) e.getKey().get(1), Comparator.nullsLast(Comparator.naturalOrder())))
                    .orElseThrow();
            Delivery example = counted.stream().filter(row -> Objects.equals(row.statusCode(), common.getKey().get(0))
                    && Objects.equals(row.statusCode() == null ? row.errorClass() : null, common.getKey().get(1))).findFirst().orElseThrow();

            Document page = logPage(session, id);

            assertThat(page.getElementById("failed-24h").text()).as(id).isEqualTo((pending + exhausted) + " in last 24 hours");
            assertThat(page.getElementById("failed-retry-status").text()).as(id)
                    .isEqualTo(pending + " pending retry, " + exhausted + " exhausted retries");
            assertThat(page.getElementById("failed-common").text()).as(id)
                    .isEqualTo(example.error() + " (" + common.getValue() + " occurrences)");
        }
    }

    private static Delivery randomDelivery(Random random, String webhookId) {
        String status = pick(random, List.of("failed", "pending_retry", "delivered", "skipped"), 35, 15, 40, 10);
        // inside the window 60% of the time; never within 5 minutes of its edge, which the page computes a moment later
        long minutes = random.nextInt(100) < 60 ? random.nextInt(24 * 60 - 5) : 24 * 60 + 5 + random.nextInt(48 * 60);
        Integer code = null;
        String errorClass = null;
        switch (status) {
            case "delivered" -> code = 200;
            case "skipped" -> { }
            default -> {
                code = pick(random, java.util.Arrays.asList(500, 502, 503, 404, 429, null), 20, 15, 15, 10, 10, 30);
                errorClass = code != null ? null : pick(random, java.util.Arrays.asList("timeout", "connection", "tls", null), 40, 30, 10, 20);
            }
        }
        boolean archived = status.equals("failed") && random.nextInt(10) == 0;
        return new Delivery(webhookId, status, code, errorClass, Duration.ofMinutes(minutes).plusSeconds(random.nextInt(60)), archived);
    }

    private static <T> T pick(Random random, List<T> values, int... weights) {
        int roll = random.nextInt(java.util.stream.IntStream.of(weights).sum());
        for (int i = 0; i < values.size(); i++) {
            roll -= weights[i];
            if (roll < 0) {
                return values.get(i);
            }
        }
        throw new IllegalStateException("weights do not cover the roll");
    }

    private static List<Delivery> copies(int count, Delivery delivery) {
        return java.util.Collections.nCopies(count, delivery);
    }

    private static String webhook(DashboardWorkspace workspace, String name) {
        return workspace.createWebhook(Map.of("name", name, "url", "https://example.com/" + UUID.randomUUID(),
                "events", List.of("email.opened"))).get("id").asString();
    }

    /** Writes the deliveries into the log, each {@code age} before {@code now}, in one batch. */
    private static void insert(String workspaceId, List<Delivery> rows, Instant now) throws Exception {
        try (var db = TestStack.database(); var insert = db.prepareStatement("""
                insert into webhook_deliveries (id, webhook_id, workspace_id, event_id, event_type, status, attempts, max_attempts,
                    last_status_code, last_error_class, created_at, last_attempt_at, archived_at)
                values (?, ?, ?, ?, 'email.opened', ?, 1, 6, ?, ?, ?, ?, ?)""")) {
            for (Delivery row : rows) {
                Timestamp created = Timestamp.from(now.minus(row.age()));
                insert.setString(1, "dlv_sum_" + UUID.randomUUID());
                insert.setString(2, row.webhookId());
                insert.setString(3, workspaceId);
                insert.setString(4, "evt_sum_" + UUID.randomUUID());
                insert.setString(5, row.status());
                insert.setObject(6, row.statusCode(), java.sql.Types.INTEGER);
                insert.setString(7, row.errorClass());
                insert.setTimestamp(8, created);
                insert.setTimestamp(9, created);
                insert.setTimestamp(10, row.archived() ? Timestamp.from(now) : null);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private Document logPage(DashboardHttp.Session session, String webhookId) {
        byte[] html = http.get().uri("/dashboard/settings/webhooks/{id}/deliveries", webhookId).cookie(DashboardHttp.COOKIE, session.cookie())
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return Jsoup.parse(new String(html, java.nio.charset.StandardCharsets.UTF_8));
    }
}
