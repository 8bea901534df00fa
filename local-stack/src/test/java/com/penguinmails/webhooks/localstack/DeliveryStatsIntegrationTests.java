package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import com.penguinmails.webhooks.model.AttemptOutcome;
import com.penguinmails.webhooks.model.AttemptRecord;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;

/**
 * The stats endpoints, served from per-minute rollups, against a brute-force count over the same attempts in the
 * delivery log: attempts with chosen times (over the last 8 days), durations and outcomes go straight onto the attempts
 * topic, with repeats (at least once) that must not count twice, skipped attempts that must not count at all and one
 * naming another workspace. The workspace is the test's own, so the overview's numbers are this test's alone.
 */
class DeliveryStatsIntegrationTests {

    /** The rollups' latency bucket bounds in ms (docs/api.md): p95 must be in the exact value's bucket. */
    private static final long[] BUCKET_BOUNDS = {5, 10, 15, 25, 40, 60, 100, 150, 250, 400, 600, 1_000, 1_500, 2_500,
            4_000, 6_000, 10_000, 15_000, 20_000, 30_000};

    private static final String ATTEMPTS = """
            from delivery_attempts a join webhook_deliveries d on d.id = a.delivery_id
            where d.workspace_id = ? and (? is null or d.webhook_id = ?) and a.attempted_at >= ? and a.attempted_at < ?""";

    private final String workspace = "ws_stats_" + UUID.randomUUID().toString().substring(0, 8);
    private final WebTestClient api = WebTestClient.bindToServer().responseTimeout(Tour.WAIT).baseUrl(TestStack.get().apiUrl())
            .responseTimeout(Duration.ofSeconds(30))
            .defaultHeader("Authorization", "Bearer " + TestStack.newApiKey(workspace)).build();

    @Test
    void statsMatchABruteForceCountOverTheSameAttempts() throws Exception {
        String busy = createWebhook("active");
        String failing = createWebhook("active");
        createWebhook("paused");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String prefix = "dlv_stats_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_";

        Random random = new Random(20261124);
        List<AttemptRecord> attempts = new ArrayList<>();
        // the busy webhook: 160 attempts over the last 8 days, a quarter of them in the last 24 hours, several a minute
        for (int i = 0; i < 160; i++) {
            Instant at = i < 40 ? now.minus(Duration.ofMinutes(random.nextInt(1_430) + 1).plusSeconds(random.nextInt(3)))
                    : now.minus(Duration.ofMinutes(random.nextInt(8 * 1_440)));
            AttemptOutcome outcome = switch (random.nextInt(4)) {
                case 0 -> AttemptOutcome.RETRY_SCHEDULED;
                case 1 -> AttemptOutcome.DEAD_LETTERED;
                default -> AttemptOutcome.DELIVERED;
            };
            long duration = (long) Math.pow(10, random.nextDouble() * 4.7); // 1 ms to 50 s, log-uniform
            attempts.add(attempt(prefix + "busy_" + i, busy, workspace, 1 + random.nextInt(3), outcome, duration, at));
        }
        // the same minute many times over
        for (int i = 0; i < 20; i++) {
            attempts.add(attempt(prefix + "minute_" + i, busy, workspace, 1, i % 5 == 0 ? AttemptOutcome.RETRY_SCHEDULED
                    : AttemptOutcome.DELIVERED, 80 + i * 7, now.minusSeconds(120).truncatedTo(ChronoUnit.MINUTES).plusSeconds(i)));
        }
        // skipped attempts made no request; an attempt naming another workspace is that workspace's
        attempts.add(attempt(prefix + "skipped", busy, workspace, 1, AttemptOutcome.SKIPPED, 0, now.minusSeconds(300)));
        attempts.add(attempt(prefix + "foreign", busy, "ws_not_" + workspace, 1, AttemptOutcome.DELIVERED, 9, now.minusSeconds(300)));
        // five dead-lettered deliveries in a row make the second webhook failing (health policy)
        for (int i = 0; i < 6; i++) {
            attempts.add(attempt(prefix + "failing_" + i, failing, workspace, 5, AttemptOutcome.DEAD_LETTERED, 30_000 + i,
                    now.minus(Duration.ofHours(i * 5L + 1))));
        }
        List<AttemptRecord> withRepeats = new ArrayList<>(attempts);
        withRepeats.addAll(attempts.subList(0, 30)); // at least once: repeats in the same batch
        List<AttemptRecord> later = new ArrayList<>(attempts.subList(100, 150)); // and in a later one
        // each repeated delivery's next attempt behind its repeat (same key, same partition): once every next attempt
        // is in the log, so is every repeat
        for (AttemptRecord repeated : List.copyOf(attempts.subList(0, 30))) {
            AttemptRecord next = nextAttempt(repeated);
            withRepeats.add(next);
            attempts.add(next);
        }
        for (AttemptRecord repeated : List.copyOf(later)) {
            AttemptRecord next = nextAttempt(repeated);
            later.add(next);
            attempts.add(next);
        }
        send(withRepeats);
        send(later);
        long distinct = attempts.size();
        Awaitility.await().atMost(Tour.WAIT.toSeconds(), TimeUnit.SECONDS).pollInterval(Duration.ofMillis(250))
                .until(() -> count("select count(*) from delivery_attempts where delivery_id like ?", prefix + "%") == distinct);

        JsonNode stats = get("/api/v1/platform/webhooks/" + busy + "/stats", 200);
        JsonNode lastDay = stats.get("last_24_hours");
        Instant since = Instant.parse(lastDay.get("since").asString());
        Instant until = Instant.parse(lastDay.get("until").asString());
        assertThat(Duration.between(since, until)).isEqualTo(Duration.ofHours(24));
        Brute expected = brute(busy, since, until);
        assertThat(expected.sent).as("the scenario sends in the last 24 hours").isGreaterThan(40);
        assertMatches(lastDay, expected);
        assertThat(lastDay.get("dead_lettered").asLong()).isEqualTo(expected.deadLettered);

        JsonNode daily = stats.get("daily");
        assertThat(daily).hasSize(7);
        LocalDate today = LocalDate.parse(daily.get(6).get("date").asString());
        for (int i = 0; i < 7; i++) {
            JsonNode day = daily.get(i);
            LocalDate date = LocalDate.parse(day.get("date").asString());
            assertThat(date).isEqualTo(today.minusDays(6 - i));
            assertMatches(day, brute(busy, date.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
                    date.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));
        }

        JsonNode overview = get("/api/v1/platform/stats", 200);
        try (Connection db = TestStack.database();
             PreparedStatement webhooks = db.prepareStatement("select count(*), count(*) filter (where status = 'active'), "
                     + "count(*) filter (where failing) from webhooks where workspace_id = ?")) {
            webhooks.setString(1, workspace);
            try (ResultSet row = webhooks.executeQuery()) {
                row.next();
                assertThat(overview.get("total_webhooks").asLong()).isEqualTo(row.getLong(1)).isEqualTo(3);
                assertThat(overview.get("active_webhooks").asLong()).isEqualTo(row.getLong(2)).isEqualTo(2);
                assertThat(overview.get("failing_webhooks").asLong()).isEqualTo(row.getLong(3)).isPositive();
            }
        }
        LocalDate overviewDay = LocalDate.parse(overview.get("today").asString());
        Brute todays = brute(null, overviewDay.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
                overviewDay.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        assertThat(overview.get("delivered_today").asLong()).isEqualTo(todays.delivered);
        Brute workspaceDay = brute(null, Instant.parse(overview.get("since").asString()), Instant.parse(overview.get("until").asString()));
        assertThat(overview.get("sent_24h").asLong()).isEqualTo(workspaceDay.sent).isGreaterThan(expected.sent);
        assertThat(overview.get("delivered_24h").asLong()).isEqualTo(workspaceDay.delivered);
        assertThat(overview.get("success_rate_24h").asDouble()).isEqualTo(rate(workspaceDay.delivered, workspaceDay.sent));
    }

    @Test
    void aWebhookWithoutAttemptsHasNoRatesAndAnotherWorkspacesWebhookIsNotFound() {
        String quiet = createWebhook("active");
        JsonNode stats = get("/api/v1/platform/webhooks/" + quiet + "/stats", 200);
        assertThat(stats.get("last_24_hours").get("sent").asLong()).isZero();
        assertThat(stats.get("last_24_hours").get("success_rate").isNull()).isTrue();
        assertThat(stats.get("last_24_hours").get("p95_response_ms").isNull()).isTrue();
        assertThat(stats.get("daily").valueStream().map(day -> day.get("success_rate").isNull())).containsOnly(true);

        TestStack.api().get().uri("/api/v1/platform/webhooks/{id}/stats", quiet).exchange().expectStatus().isNotFound();
        get("/api/v1/platform/webhooks/wh_missing/stats", 404);
    }

    private void assertMatches(JsonNode actual, Brute expected) {
        String what = actual.has("date") ? actual.get("date").asString() : "last 24 hours";
        assertThat(actual.get("sent").asLong()).as(what).isEqualTo(expected.sent);
        assertThat(actual.get("delivered").asLong()).as(what).isEqualTo(expected.delivered);
        assertThat(actual.get("failed").asLong()).as(what).isEqualTo(expected.failed);
        if (expected.sent == 0) {
            assertThat(actual.get("success_rate").isNull()).as(what).isTrue();
            assertThat(actual.get("avg_response_ms").isNull()).as(what).isTrue();
            return;
        }
        assertThat(actual.get("success_rate").asDouble()).as(what).isEqualTo(rate(expected.delivered, expected.sent));
        assertThat((double) actual.get("avg_response_ms").asLong()).as(what)
                .isCloseTo((double) expected.durationSum / expected.sent, org.assertj.core.data.Offset.offset(0.5));
        long p95 = actual.get("p95_response_ms").asLong();
        assertThat(p95).as(what + ": p95 at or above the exact %d ms", expected.p95).isGreaterThanOrEqualTo(expected.p95);
        assertThat(bucket(p95)).as(what + ": p95 %d ms in the bucket of the exact %d ms", p95, expected.p95).isEqualTo(bucket(expected.p95));
    }

    private static double rate(long delivered, long sent) {
        return Math.floorDiv(delivered * 10_000, sent) / 100.0;
    }

    private static int bucket(long millis) {
        int found = Arrays.binarySearch(BUCKET_BOUNDS, millis);
        return found >= 0 ? found : -found - 1;
    }

    private record Brute(long sent, long delivered, long failed, long deadLettered, long durationSum, long p95) {
    }

    /** Counts straight from the delivery log: the workspace's attempts (one webhook's, unless null) in [from, until). */
    private Brute brute(String webhookId, Instant from, Instant until) throws Exception {
        try (Connection db = TestStack.database(); PreparedStatement query = db.prepareStatement("""
                select count(*) filter (where outcome <> 'SKIPPED'),
                    count(*) filter (where outcome = 'DELIVERED'),
                    count(*) filter (where outcome in ('RETRY_SCHEDULED', 'DEAD_LETTERED')),
                    count(*) filter (where outcome = 'DEAD_LETTERED'),
                    coalesce(sum(duration_ms) filter (where outcome <> 'SKIPPED'), 0),
                    percentile_disc(0.95) within group (order by duration_ms) filter (where outcome <> 'SKIPPED')
                """ + ATTEMPTS)) {
            query.setString(1, workspace);
            query.setString(2, webhookId);
            query.setString(3, webhookId);
            query.setTimestamp(4, Timestamp.from(from));
            query.setTimestamp(5, Timestamp.from(until));
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return new Brute(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5), row.getLong(6));
            }
        }
    }

    private static long count(String sql, String parameter) throws Exception {
        try (Connection db = TestStack.database(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private String createWebhook(String status) {
        return get(api.post().uri("/api/v1/platform/webhooks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Stats", "url", "https://stats.example.com/hook", "events", List.of("campaign.paused"),
                        "filters", Map.of("campaign_ids", List.of("camp_never_sent")), "status", status)), 201).get("id").asString();
    }

    private JsonNode get(String uri, int status) {
        return get(api.get().uri(uri), status);
    }

    private static JsonNode get(WebTestClient.RequestHeadersSpec<?> request, int status) {
        byte[] body = request.exchange().expectStatus().isEqualTo(status).expectBody().returnResult().getResponseBody();
        return Json.mapper().readTree(body);
    }

    /** The delivery's attempt after this one, delivered a second later. */
    private static AttemptRecord nextAttempt(AttemptRecord attempt) {
        return attempt(attempt.deliveryId(), attempt.webhookId(), attempt.workspaceId(), attempt.attempt() + 10,
                AttemptOutcome.DELIVERED, attempt.durationMillis() / 2, attempt.attemptedAt().plusSeconds(1));
    }

    private static AttemptRecord attempt(String deliveryId, String webhookId, String workspaceId, int attempt,
                                         AttemptOutcome outcome, long durationMillis, Instant at) {
        Integer status = switch (outcome) {
            case DELIVERED -> 200;
            case SKIPPED -> null;
            default -> 500;
        };
        return new AttemptRecord(deliveryId, webhookId, workspaceId, "evt_" + deliveryId, "campaign.paused", attempt, 5, outcome,
                "https://stats.example.com/hook", status, durationMillis, null, status == null ? null : "http_status",
                Map.of(), Map.of(), null, false, at, outcome == AttemptOutcome.RETRY_SCHEDULED ? at.plusSeconds(60) : null, false, null);
    }

    /** Sends the records in one go, so that the attempts listener gets them in one poll (or few). */
    private static void send(List<AttemptRecord> attempts) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + TestStack.get().options().kafkaPort(),
                ProducerConfig.LINGER_MS_CONFIG, 50), new StringSerializer(), new ByteArraySerializer())) {
            for (AttemptRecord attempt : attempts) {
                producer.send(new ProducerRecord<>(Topics.ATTEMPTS, attempt.deliveryId(), Json.write(attempt)));
            }
            producer.flush();
        }
    }
}
