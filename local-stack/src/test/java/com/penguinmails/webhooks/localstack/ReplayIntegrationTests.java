package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.Ids;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;

/**
 * Event replay (spec 001) against the real stack: a replay of N stored events delivers each of them once and reports
 * progress up to N; a cancelled replay stops; one interrupted by a management-api restart resumes from its cursor and
 * completes. Each test has a workspace of its own, whose events are produced to the event topic before any of its
 * webhooks exists, so that whatever its receivers get came from the replay.
 */
class ReplayIntegrationTests {

    private static final Duration LONG_WAIT = Duration.ofSeconds(60);

    @Test
    void replaysEachEventOfTheRangeOnceAndReportsProgressUpToTheCount() throws Exception {
        Workspace workspace = Workspace.create();
        Instant base = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        List<EventEnvelope> inRange = events("campaign.paused", "camp_r", 30, base);
        // neither another type nor what falls outside the range is replayed
        List<EventEnvelope> otherType = events("campaign.launched", "camp_r", 5, base);
        List<EventEnvelope> before = events("campaign.paused", "camp_r", 4, base.minus(Duration.ofHours(2)));
        workspace.produceAndAwaitStored(concat(inRange, otherType, before));

        try (TestReceiver receiver = TestReceiver.start()) {
            String webhookId = workspace.createWebhook(receiver.url("/replay"), List.of("campaign.*"), null);
            JsonNode created = workspace.post("/api/v1/platform/webhooks/{id}/replays", HttpStatus.ACCEPTED, Map.of(
                    "from", base.minusSeconds(60).toString(), "to", base.plus(Duration.ofMinutes(10)).toString(),
                    "event_types", List.of("campaign.paused"), "events_per_second", 10), webhookId);
            assertThat(created.get("id").asString()).startsWith("rpl_");
            assertThat(created.get("events_found").asLong()).isEqualTo(30);
            assertThat(created.get("webhook_id").asString()).isEqualTo(webhookId);
            String replayId = created.get("id").asString();

            // 10 a second: the progress is seen between the start and the count
            List<Long> progress = new CopyOnWriteArrayList<>();
            Awaitility.await().atMost(LONG_WAIT).pollInterval(Duration.ofMillis(100)).until(() -> {
                JsonNode job = workspace.get("/api/v1/platform/webhooks/{id}/replays/{r}", HttpStatus.OK, webhookId, replayId);
                progress.add(job.get("events_queued").asLong());
                return job.get("state").asString().equals("completed");
            });
            assertThat(progress).isSorted().contains(30L).anyMatch(queued -> queued > 0 && queued < 30);
            JsonNode done = workspace.get("/api/v1/platform/replays/{r}", HttpStatus.OK, replayId);
            assertThat(done.get("events_found").asLong()).isEqualTo(30);
            assertThat(done.get("events_queued").asLong()).isEqualTo(30);
            assertThat(done.get("deliveries_queued").asLong()).isEqualTo(30);
            assertThat(done.get("finished_at").isNull()).isFalse();

            List<TestReceiver.Received> requests = receiver.awaitRequests(30, Tour.WAIT);
            Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> receiver.received().size() == 30);
            assertThat(eventIds(requests)).containsExactlyInAnyOrderElementsOf(inRange.stream().map(EventEnvelope::id).toList());
            // the delivery id is the event's to this webhook, as for a live delivery, and it is the first attempt
            assertThat(requests).allSatisfy(request -> assertThat(request.header("x-penguinmails-delivery-id"))
                    .isEqualTo(Ids.deliveryId(Json.mapper().readTree(request.body()).get("id").asString(), webhookId)));
            Awaitility.await().atMost(Tour.WAIT).until(() -> workspace.deliveries(webhookId).valueStream()
                    .filter(d -> d.get("status").asString().equals("delivered") && d.get("attempts").asInt() == 1).count() == 30);
        }
    }

    @Test
    void replaysToEveryActiveWebhookOfTheWorkspaceThatMatchesNow() throws Exception {
        Workspace workspace = Workspace.create();
        Instant base = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        List<EventEnvelope> campaignA = events("campaign.paused", "camp_a", 4, base);
        List<EventEnvelope> campaignB = events("campaign.paused", "camp_b", 3, base.plusSeconds(10));
        workspace.produceAndAwaitStored(concat(campaignA, campaignB));

        try (TestReceiver onlyA = TestReceiver.start(); TestReceiver every = TestReceiver.start(); TestReceiver paused = TestReceiver.start()) {
            workspace.createWebhook(onlyA.url("/a"), List.of("campaign.paused"), Map.of("campaign_ids", List.of("camp_a")));
            workspace.createWebhook(every.url("/all"), List.of("campaign.*"), null);
            String pausedId = workspace.createWebhook(paused.url("/paused"), List.of("campaign.paused"), null);
            workspace.client().post().uri("/api/v1/platform/webhooks/{id}/pause", pausedId).exchange().expectStatus().isOk();

            JsonNode created = workspace.post("/api/v1/platform/replays", HttpStatus.ACCEPTED, Map.of(
                    "from", base.minusSeconds(1).toString(), "to", Instant.now().toString()));
            assertThat(created.get("webhook_id").isNull()).isTrue();
            assertThat(created.get("events_found").asLong()).isEqualTo(7);
            JsonNode done = workspace.awaitState(created.get("id").asString(), "completed");
            assertThat(done.get("events_queued").asLong()).isEqualTo(7);
            assertThat(done.get("deliveries_queued").asLong()).isEqualTo(4 + 7);

            assertThat(eventIds(onlyA.awaitRequests(4, Tour.WAIT))).containsExactlyInAnyOrderElementsOf(ids(campaignA));
            assertThat(eventIds(every.awaitRequests(7, Tour.WAIT))).containsExactlyInAnyOrderElementsOf(ids(concat(campaignA, campaignB)));
            assertThat(paused.received()).isEmpty();
            assertThat(workspace.get("/api/v1/platform/replays", HttpStatus.OK).get("data").valueStream()
                    .map(job -> job.get("id").asString())).containsExactly(created.get("id").asString());
        }
    }

    @Test
    void cancellingAReplayStopsItsBatches() throws Exception {
        Workspace workspace = Workspace.create();
        Instant base = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        List<EventEnvelope> events = events("campaign.paused", "camp_c", 30, base);
        workspace.produceAndAwaitStored(events);

        try (TestReceiver receiver = TestReceiver.start()) {
            String webhookId = workspace.createWebhook(receiver.url("/cancel"), List.of("campaign.paused"), null);
            // 2 a second: 15 s for the 30
            String replayId = workspace.post("/api/v1/platform/webhooks/{id}/replays", HttpStatus.ACCEPTED, Map.of(
                    "from", base.minusSeconds(1).toString(), "to", Instant.now().toString(), "events_per_second", 2), webhookId)
                    .get("id").asString();
            receiver.awaitRequests(2, Tour.WAIT);

            JsonNode cancelled = workspace.delete("/api/v1/platform/webhooks/{id}/replays/{r}", HttpStatus.OK, webhookId, replayId);
            assertThat(cancelled.get("state").asString()).isEqualTo("cancelled");
            long queued = cancelled.get("events_queued").asLong();
            assertThat(queued).isBetween(2L, 29L);

            // what was queued before the answer is delivered, and nothing after it, though the batches were due each second
            Awaitility.await().atMost(Tour.WAIT).until(() -> receiver.received().size() == queued);
            Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).until(() -> receiver.received().size() == queued
                    && workspace.get("/api/v1/platform/replays/{r}", HttpStatus.OK, replayId).get("events_queued").asLong() == queued);
            JsonNode after = workspace.get("/api/v1/platform/replays/{r}", HttpStatus.OK, replayId);
            assertThat(after.get("state").asString()).isEqualTo("cancelled");
            assertThat(after.get("finished_at").isNull()).isFalse();
            // cancelling again answers the same; a completed replay cannot be cancelled
            assertThat(workspace.delete("/api/v1/platform/replays/{r}", HttpStatus.OK, replayId).get("state").asString()).isEqualTo("cancelled");
        }
    }

    @Test
    void aReplayInterruptedByAManagementApiRestartResumesAndCompletes() throws Exception {
        Workspace workspace = Workspace.create();
        Instant base = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        List<EventEnvelope> events = events("campaign.paused", "camp_restart", 30, base);
        workspace.produceAndAwaitStored(events);

        try (TestReceiver receiver = TestReceiver.start()) {
            String webhookId = workspace.createWebhook(receiver.url("/restart"), List.of("campaign.paused"), null);
            String replayId = workspace.post("/api/v1/platform/webhooks/{id}/replays", HttpStatus.ACCEPTED, Map.of(
                    "from", base.minusSeconds(1).toString(), "to", Instant.now().toString(), "events_per_second", 4), webhookId)
                    .get("id").asString();
            receiver.awaitRequests(4, Tour.WAIT);

            TestStack.get().restart("management-api");
            long queuedAfterRestart = workspace.get("/api/v1/platform/replays/{r}", HttpStatus.OK, replayId).get("events_queued").asLong();
            assertThat(queuedAfterRestart).as("the replay was still running when management-api stopped").isLessThan(30);

            JsonNode done = workspace.awaitState(replayId, "completed");
            assertThat(done.get("events_queued").asLong()).isEqualTo(30);
            // at least once: a batch queued but not yet recorded when the service stopped is queued again
            List<TestReceiver.Received> requests = receiver.awaitRequests(30, Tour.WAIT);
            assertThat(new HashSet<>(eventIds(requests))).isEqualTo(Set.copyOf(ids(events)));
        }
    }

    @Test
    void refusesAnInvalidReplayNamingEachFieldAndReason() throws Exception {
        Workspace workspace = Workspace.create();
        try (TestReceiver receiver = TestReceiver.start()) {
            String webhookId = workspace.createWebhook(receiver.url("/invalid"), List.of("campaign.paused"), null);

            JsonNode invalid = workspace.post("/api/v1/platform/webhooks/{id}/replays", HttpStatus.BAD_REQUEST, Map.of(
                    "to", "2026-11-24T10:00", "event_types", List.of("campaign.paused", "email.read"), "events_per_second", 0), webhookId);
            assertThat(invalid.get("title").asString()).isEqualTo("Invalid request");
            assertThat(fieldErrors(invalid)).containsExactly(
                    Map.entry("from", "from is required: an ISO-8601 time with an offset, such as 2026-11-24T10:00:00Z."),
                    Map.entry("to", "to must be an ISO-8601 time with an offset, such as 2026-11-24T10:00:00Z."),
                    Map.entry("event_types[1]", invalid.get("errors").get(2).get("reason").asString()),
                    Map.entry("events_per_second", "events_per_second must be between 1 and 1000."));
            assertThat(invalid.get("errors").get(2).get("reason").asString()).startsWith("Unknown event type 'email.read'.");

            Instant now = Instant.now();
            assertThat(fieldErrors(workspace.post("/api/v1/platform/replays", HttpStatus.BAD_REQUEST, Map.of(
                    "from", now.minus(Duration.ofDays(31)).toString(), "to", now.toString()))))
                    .containsExactly(Map.entry("to", "The range may span at most 30 days (the event store keeps events that long); "
                            + "replay a longer stretch in several parts."));
            assertThat(fieldErrors(workspace.post("/api/v1/platform/replays", HttpStatus.BAD_REQUEST, Map.of(
                    "from", now.toString(), "to", now.minusSeconds(60).toString()))))
                    .containsExactly(Map.entry("to", "to must be later than from."));

            // only an active webhook is replayed to
            workspace.client().post().uri("/api/v1/platform/webhooks/{id}/pause", webhookId).exchange().expectStatus().isOk();
            JsonNode paused = workspace.post("/api/v1/platform/webhooks/{id}/replays", HttpStatus.CONFLICT, Map.of(
                    "from", now.minusSeconds(60).toString(), "to", now.toString()), webhookId);
            assertThat(paused.get("detail").asString()).contains("paused").contains("resume it first");
            assertThat(workspace.get("/api/v1/platform/replays", HttpStatus.OK).get("data").size()).isZero();
        }
    }

    @Test
    void anotherWorkspacesReplayIsNotFoundAndStaysAsItIs() throws Exception {
        Workspace owner = Workspace.create();
        Workspace other = Workspace.create();
        try (TestReceiver receiver = TestReceiver.start()) {
            String webhookId = owner.createWebhook(receiver.url("/mine"), List.of("campaign.paused"), null);
            Instant now = Instant.now();
            JsonNode created = owner.post("/api/v1/platform/webhooks/{id}/replays", HttpStatus.ACCEPTED, Map.of(
                    "from", now.minusSeconds(60).toString(), "to", now.toString()), webhookId);
            String replayId = created.get("id").asString();
            // nothing stored in the range: completed at once, with nothing found
            assertThat(created.get("events_found").asLong()).isZero();
            assertThat(created.get("state").asString()).isEqualTo("completed");

            other.get("/api/v1/platform/replays/{r}", HttpStatus.NOT_FOUND, replayId);
            other.get("/api/v1/platform/webhooks/{id}/replays/{r}", HttpStatus.NOT_FOUND, webhookId, replayId);
            other.get("/api/v1/platform/webhooks/{id}/replays", HttpStatus.NOT_FOUND, webhookId);
            other.delete("/api/v1/platform/replays/{r}", HttpStatus.NOT_FOUND, replayId);
            other.post("/api/v1/platform/webhooks/{id}/replays", HttpStatus.NOT_FOUND, Map.of(
                    "from", now.minusSeconds(60).toString(), "to", now.toString()), webhookId);
            assertThat(other.get("/api/v1/platform/replays", HttpStatus.OK).get("data").size()).isZero();
            // a replay of one webhook is not found under another
            String otherWebhook = owner.createWebhook(receiver.url("/other"), List.of("campaign.paused"), null);
            owner.get("/api/v1/platform/webhooks/{id}/replays/{r}", HttpStatus.NOT_FOUND, otherWebhook, replayId);

            JsonNode unchanged = owner.get("/api/v1/platform/replays/{r}", HttpStatus.OK, replayId);
            assertThat(unchanged.get("state").asString()).isEqualTo("completed");
            JsonNode finished = owner.delete("/api/v1/platform/replays/{r}", HttpStatus.CONFLICT, replayId);
            assertThat(finished.get("title").asString()).isEqualTo("Replay already finished");
        }
    }

    /** A workspace of the test's own, with an admin key, whose events are produced straight to the event topic. */
    private record Workspace(String id, String apiKey) {

        static Workspace create() {
            String id = "ws_replay_" + UUID.randomUUID().toString().substring(0, 8);
            return new Workspace(id, TestStack.newApiKey(id));
        }

        WebTestClient client() {
            return WebTestClient.bindToServer().baseUrl(TestStack.get().apiUrl()).responseTimeout(Duration.ofSeconds(30))
                    .defaultHeader("Authorization", "Bearer " + apiKey).build();
        }

        String createWebhook(String url, List<String> events, Map<String, Object> filters) {
            Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "Replay target", "url", url, "events", events));
            if (filters != null) {
                body.put("filters", filters);
            }
            return post("/api/v1/platform/webhooks", HttpStatus.CREATED, body).get("id").asString();
        }

        JsonNode post(String uri, HttpStatus expected, Object body, Object... variables) {
            return Json.mapper().readTree(client().post().uri(uri, variables).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                    .exchange().expectStatus().isEqualTo(expected).expectBody().returnResult().getResponseBody());
        }

        JsonNode get(String uri, HttpStatus expected, Object... variables) {
            return Json.mapper().readTree(client().get().uri(uri, variables)
                    .exchange().expectStatus().isEqualTo(expected).expectBody().returnResult().getResponseBody());
        }

        JsonNode delete(String uri, HttpStatus expected, Object... variables) {
            return Json.mapper().readTree(client().delete().uri(uri, variables)
                    .exchange().expectStatus().isEqualTo(expected).expectBody().returnResult().getResponseBody());
        }

        JsonNode deliveries(String webhookId) {
            return get("/api/v1/platform/webhooks/{id}/deliveries?limit=200", HttpStatus.OK, webhookId).get("data");
        }

        JsonNode awaitState(String replayId, String state) {
            Awaitility.await().atMost(LONG_WAIT).pollInterval(Duration.ofMillis(200))
                    .until(() -> get("/api/v1/platform/replays/{r}", HttpStatus.OK, replayId).get("state").asString().equals(state));
            return get("/api/v1/platform/replays/{r}", HttpStatus.OK, replayId);
        }

        /**
         * Produces the events as ingest does (keyed by workspace) and waits until the event store has them all and the
         * dispatcher has read past them: the workspace has no webhook yet, so none was delivered live.
         */
        void produceAndAwaitStored(List<EventEnvelope> events) throws Exception {
            String bootstrap = "127.0.0.1:" + TestStack.get().options().kafkaPort();
            Map<TopicPartition, Long> written = new java.util.HashMap<>();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                    new StringSerializer(), new ByteArraySerializer())) {
                for (EventEnvelope event : events) {
                    var sent = producer.send(new ProducerRecord<>(Topics.EVENTS_PREFIX + "campaign", id, Json.write(event))).get();
                    written.merge(new TopicPartition(sent.topic(), sent.partition()), sent.offset(), Math::max);
                }
            }
            Awaitility.await().atMost(Tour.WAIT.toSeconds(), TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200))
                    .until(() -> storedEvents() == events.size());
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                Awaitility.await().atMost(Tour.WAIT.toSeconds(), TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200))
                        .until(() -> dispatcherReadPast(admin, written));
            }
        }

        private long storedEvents() throws java.sql.SQLException {
            try (var db = TestStack.database(); var count = db.prepareStatement("select count(*) from webhook_events where workspace_id = ?")) {
                count.setString(1, id);
                try (var rows = count.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        }

        /** Whether the dispatcher's committed offsets are past the given last offsets (its position is the next to read). */
        private static boolean dispatcherReadPast(Admin admin, Map<TopicPartition, Long> lastWritten) throws Exception {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("dispatcher")
                    .partitionsToOffsetAndMetadata().get();
            return lastWritten.entrySet().stream().allMatch(last -> committed.get(last.getKey()) != null
                    && committed.get(last.getKey()).offset() > last.getValue());
        }
    }

    /** {@code count} events of the type for the campaign, a second apart from {@code from}. */
    private static List<EventEnvelope> events(String type, String campaign, int count, Instant from) {
        List<EventEnvelope> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant at = from.plusSeconds(i);
            events.add(new EventEnvelope(Ids.newEventId(), type, at,
                    Json.mapper().valueToTree(Map.of("campaign_id", campaign, "paused_at", at.toString()))));
        }
        return events;
    }

    @SafeVarargs
    private static List<EventEnvelope> concat(List<EventEnvelope>... lists) {
        List<EventEnvelope> all = new ArrayList<>();
        for (List<EventEnvelope> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    private static List<String> ids(List<EventEnvelope> events) {
        return events.stream().map(EventEnvelope::id).toList();
    }

    private static List<String> eventIds(List<TestReceiver.Received> requests) {
        return requests.stream().map(request -> Json.mapper().readTree(request.body()).get("id").asString()).toList();
    }

    private static List<Map.Entry<String, String>> fieldErrors(JsonNode problem) {
        return problem.get("errors").valueStream()
                .map(error -> Map.entry(error.get("field").asString(), error.get("reason").asString())).toList();
    }
}
