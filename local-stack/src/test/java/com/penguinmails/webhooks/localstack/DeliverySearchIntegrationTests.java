package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import reactor.core.publisher.Mono;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClient;

import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;

/**
 * The delivery log's filters, searches and CSV export. Each filtered answer is compared with the unfiltered log
 * filtered in the test (a brute-force count over the same deliveries), so a filter that drops or adds a row fails.
 */
class DeliverySearchIntegrationTests {

    @Test
    void filtersAndSearchesReturnExactlyTheMatchingDeliveries() throws Exception {
        try (TestReceiver receiver = TestReceiver.start(200, 500, 422, 200)) {
            String webhook = Tour.createWebhook(Map.of("url", receiver.url("/search"), "events", List.of("email.opened", "email.clicked"),
                    "retries_enabled", false)).get("id").asString();
            List<String> emails = List.of("ann@example.com", "bob@example.com", "cat@example.com", "dan@example.com");
            List<String> types = List.of("email.opened", "email.opened", "email.opened", "email.clicked");
            for (int i = 0; i < 4; i++) {
                publish(types.get(i), emails.get(i));
                int delivered = i + 1;
                // one at a time, so the receiver's scripted answers go to the events in order
                Awaitility.await().atMost(Tour.WAIT.toSeconds(), TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100))
                        .until(() -> Tour.deliveries(webhook).valueStream().filter(d -> !d.get("status").asString().equals("pending_retry")).count() == delivered);
            }
            List<JsonNode> all = list(webhook, "");
            assertThat(all).hasSize(4);
            JsonNode ann = all.getLast();
            JsonNode dan = all.getFirst();
            assertThat(ann.get("status_code").asInt()).isEqualTo(200);
            assertThat(dan.get("event_type").asString()).isEqualTo("email.clicked");

            assertFilter(webhook, all, "status=failed", d -> d.get("status").asString().equals("failed"), 2);
            assertFilter(webhook, all, "status=delivered", d -> d.get("status").asString().equals("delivered"), 2);
            assertFilter(webhook, all, "status_class=5xx", d -> d.path("status_code").asInt() / 100 == 5, 1);
            assertFilter(webhook, all, "status_class=4xx", d -> d.path("status_code").asInt() / 100 == 4, 1);
            assertFilter(webhook, all, "status_class=2xx", d -> d.path("status_code").asInt() / 100 == 2, 2);
            assertFilter(webhook, all, "status_class=none", d -> !d.has("status_code"), 0);
            assertFilter(webhook, all, "event_type=email.clicked", d -> d.get("event_type").asString().equals("email.clicked"), 1);
            assertFilter(webhook, all, "event_type=email.*", d -> true, 4);
            assertFilter(webhook, all, "event_type=contact.*", d -> false, 0);
            assertFilter(webhook, all, "search=" + ann.get("event_id").asString(), d -> d.get("id").asString().equals(ann.get("id").asString()), 1);
            assertFilter(webhook, all, "search=" + dan.get("id").asString(), d -> d.get("id").asString().equals(dan.get("id").asString()), 1);
            JsonNode bob = all.get(2);
            assertFilter(webhook, all, "search=BOB@Example.com", d -> d.get("id").asString().equals(bob.get("id").asString()), 1);
            assertFilter(webhook, all, "search=nobody@example.com", d -> false, 0);
            Instant third = Instant.parse(all.get(1).get("created_at").asString());
            assertFilter(webhook, all, "from=" + third, d -> !Instant.parse(d.get("created_at").asString()).isBefore(third), 2);
            assertFilter(webhook, all, "to=" + third, d -> Instant.parse(d.get("created_at").asString()).isBefore(third), 2);
            assertFilter(webhook, all, "status=failed&event_type=email.opened&status_class=4xx", d -> d.path("status_code").asInt() == 422, 1);

            // paging through a filter: the pages together are the filtered log, once each
            JsonNode first = page(webhook, "status=delivered&limit=1");
            assertThat(first.get("has_more").asBoolean()).isTrue();
            JsonNode second = page(webhook, "status=delivered&limit=1&cursor=" + first.get("next_cursor").asString());
            assertThat(second.get("has_more").asBoolean()).isFalse();
            assertThat(List.of(first.get("data").get(0).get("id").asString(), second.get("data").get(0).get("id").asString()))
                    .containsExactlyElementsOf(all.stream().filter(d -> d.get("status").asString().equals("delivered")).map(d -> d.get("id").asString()).toList());

            // the CSV of a filter has the same rows
            List<CSVRecord> failed = csv(webhook, "status=failed");
            assertThat(failed.stream().map(r -> r.get("delivery_id")).toList())
                    .containsExactlyElementsOf(all.stream().filter(d -> d.get("status").asString().equals("failed")).map(d -> d.get("id").asString()).toList());
            assertThat(failed.getFirst().get("status_code")).isIn("500", "422");
        }
    }

    @Test
    void refusesBadFiltersNamingEachOne() {
        String webhook = Tour.createWebhook(Map.of("url", "http://127.0.0.1:9/never", "events", List.of("email.opened"), "status", "paused"))
                .get("id").asString();
        JsonNode problem = Json.mapper().readTree(TestStack.api().get()
                .uri("/api/v1/platform/webhooks/{id}/deliveries?status=nope&status_class=6xx&from=yesterday&event_type=mail.x&limit=0", webhook)
                .exchange().expectStatus().isBadRequest().expectBody().returnResult().getResponseBody());
        assertThat(problem.get("errors").valueStream().map(e -> e.get("field").asString()))
                .containsExactlyInAnyOrder("status", "status_class", "from", "event_type", "limit");
        JsonNode order = Json.mapper().readTree(TestStack.api().get()
                .uri("/api/v1/platform/webhooks/{id}/deliveries.csv?from=2026-11-24T10:00:00Z&to=2026-11-24T09:00:00Z", webhook)
                .exchange().expectStatus().isBadRequest().expectBody().returnResult().getResponseBody());
        assertThat(order.get("errors").get(0).get("reason").asString()).isEqualTo("to must be later than from.");
        TestStack.api().get().uri("/api/v1/platform/webhooks/wh_missing/deliveries.csv").exchange().expectStatus().isNotFound();
        TestStack.api().delete().uri("/api/v1/platform/webhooks/{id}", webhook).exchange().expectStatus().isNoContent();
    }

    @Test
    void exportsAHundredThousandDeliveriesAsAStreamNewestFirst() throws Exception {
        String webhook = Tour.createWebhook(Map.of("url", "http://127.0.0.1:9/never", "events", List.of("email.opened"), "status", "paused"))
                .get("id").asString();
        int rows = 100_000;
        try (Connection db = TestStack.database();
             var insert = db.prepareStatement("""
                     insert into webhook_deliveries (id, webhook_id, workspace_id, event_id, event_type, status, attempts, max_attempts,
                                                     last_status_code, last_duration_ms, last_error, created_at, last_attempt_at)
                     select 'dlv_csv_' || ? || '_' || lpad(n::text, 6, '0'), ?, 'ws_demo', 'evt_csv_' || n, 'email.opened',
                            case when n % 10 = 0 then 'failed' else 'delivered' end, 1, 6,
                            case when n % 10 = 0 then 500 else 200 end, 40, case when n % 10 = 0 then '=HYPERLINK("x")' end,
                            timestamptz '2026-11-01 00:00:00+00' + n * interval '1 second', timestamptz '2026-11-01 00:00:00+00' + n * interval '1 second'
                     from generate_series(1, ?) as n""")) {
            insert.setString(1, webhook);
            insert.setString(2, webhook);
            insert.setInt(3, rows);
            assertThat(insert.executeUpdate()).isEqualTo(rows);
        }
        AtomicInteger chunks = new AtomicInteger();
        StringBuilder text = new StringBuilder();
        var answer = WebClient.create(TestStack.get().apiUrl()).get()
                .uri("/api/v1/platform/webhooks/{id}/deliveries.csv", webhook)
                .header("Authorization", "Bearer " + TestStack.get().apiKey())
                .exchangeToMono(response -> {
                    assertThat(response.statusCode()).isEqualTo(HttpStatus.OK);
                    assertThat(response.headers().contentLength()).isEmpty(); // chunked: written as it is read
                    return response.bodyToFlux(DataBuffer.class)
                            .doOnNext(buffer -> {
                                chunks.incrementAndGet();
                                text.append(buffer.toString(java.nio.charset.StandardCharsets.UTF_8));
                                DataBufferUtils.release(buffer);
                            })
                            .then(Mono.just(response.headers().contentType().orElseThrow().toString()));
                }).block(Duration.ofSeconds(120));
        assertThat(answer).startsWith("text/csv");
        assertThat(chunks.get()).isGreaterThan(1);
        List<CSVRecord> records = parse(text.toString());
        assertThat(records).hasSize(rows);
        assertThat(records.getFirst().get("delivery_id")).isEqualTo("dlv_csv_" + webhook + "_100000");
        assertThat(records.getLast().get("delivery_id")).isEqualTo("dlv_csv_" + webhook + "_000001");
        assertThat(records.stream().map(r -> r.get("delivery_id")).distinct().count()).isEqualTo(rows);
        assertThat(records.stream().filter(r -> r.get("status").equals("failed")).count()).isEqualTo(rows / 10);
        // a cell a spreadsheet would run as a formula is written as text
        assertThat(records.getFirst().get("error")).isEqualTo("'=HYPERLINK(\"x\")");
        TestStack.api().delete().uri("/api/v1/platform/webhooks/{id}", webhook).exchange().expectStatus().isNoContent();
    }

    private static void publish(String type, String email) throws Exception {
        JsonNode example = Json.mapper().readTree(EventType.fromName(type).orElseThrow().exampleJson());
        tools.jackson.databind.node.ObjectNode data = (tools.jackson.databind.node.ObjectNode) example.get("data").deepCopy();
        ((tools.jackson.databind.node.ObjectNode) data.get("contact")).put("email", email);
        Tour.publish(Map.of("type", type, "data", data));
    }

    private static void assertFilter(String webhook, List<JsonNode> all, String query, Predicate<JsonNode> expected, int count) {
        List<String> want = all.stream().filter(expected).map(d -> d.get("id").asString()).toList();
        assertThat(want).as("brute force for %s", query).hasSize(count);
        assertThat(list(webhook, query).stream().map(d -> d.get("id").asString()).toList()).as(query).containsExactlyElementsOf(want);
        assertThat(csv(webhook, query).stream().map(r -> r.get("delivery_id")).toList()).as("csv " + query).containsExactlyElementsOf(want);
    }

    private static List<JsonNode> list(String webhook, String query) {
        List<JsonNode> rows = new ArrayList<>();
        page(webhook, query).get("data").valueStream().forEach(rows::add);
        return rows;
    }

    private static JsonNode page(String webhook, String query) {
        byte[] answer = TestStack.api().get().uri("/api/v1/platform/webhooks/" + webhook + "/deliveries?" + query)
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return Json.mapper().readTree(answer);
    }

    private static List<CSVRecord> csv(String webhook, String query) {
        byte[] answer = TestStack.api().get().uri("/api/v1/platform/webhooks/" + webhook + "/deliveries.csv?" + query)
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return parse(new String(answer, java.nio.charset.StandardCharsets.UTF_8));
    }

    private static List<CSVRecord> parse(String text) {
        try {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(text)).getRecords();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
