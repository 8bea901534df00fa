package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

import com.penguinmails.webhooks.model.Json;

/**
 * Sending again by hand (spec 004 delivery log): one delivery, all failed ones of a webhook, and what was skipped while
 * a webhook was paused, each as a new attempt after the ones already recorded.
 */
class ManualRetryIntegrationTests {

    @Test
    void retriesAFailedDeliveryAsItsNextAttemptKeepingTheHistory() throws Exception {
        try (TestReceiver receiver = TestReceiver.start(500)) {
            String id = Tour.createWebhook(Map.of("url", receiver.url("/retry-one"), "events", List.of("campaign.paused"),
                    "retries_enabled", false, "filters", only("camp_retry_one"))).get("id").asString();
            String eventId = Tour.publish(paused("camp_retry_one")).getFirst();
            String deliveryId = Tour.awaitDelivery(id, "failed").get("id").asString();

            JsonNode retried = post("/api/v1/platform/webhooks/{id}/deliveries/{d}/retry", HttpStatus.ACCEPTED, id, deliveryId);
            assertThat(retried.get("attempt").asInt()).isEqualTo(2);
            assertThat(retried.get("status").asString()).isEqualTo("queued");

            JsonNode delivered = Tour.awaitDelivery(id, "delivered");
            assertThat(delivered.get("attempts").asInt()).isEqualTo(2);
            JsonNode detail = Tour.delivery(id, deliveryId).get("attempts_detail");
            assertThat(detail.valueStream().map(a -> a.get("outcome").asString())).containsExactly("dead_lettered", "delivered");
            assertThat(receiver.received()).hasSize(2);
            // the same event, the same delivery id: a receiver de-duplicating on it sees one delivery sent twice
            assertThat(receiver.received().stream().map(r -> Json.mapper().readTree(r.body()).get("id").asString()))
                    .containsOnly(eventId);
            assertThat(receiver.received().stream().map(r -> r.headers().get("x-penguinmails-delivery-id").getFirst()))
                    .containsOnly(deliveryId);
        }
    }

    @Test
    void retriesEveryFailedDeliveryOfAWebhook() throws Exception {
        try (TestReceiver receiver = TestReceiver.start(500, 500, 500)) {
            String id = Tour.createWebhook(Map.of("url", receiver.url("/retry-all"), "events", List.of("campaign.paused"),
                    "retries_enabled", false, "filters", only("camp_all_1", "camp_all_2", "camp_all_3"))).get("id").asString();
            Tour.publish(List.of(paused("camp_all_1"), paused("camp_all_2"), paused("camp_all_3")));
            Awaitility.await().atMost(Tour.WAIT.toSeconds(), TimeUnit.SECONDS).until(() -> Tour.deliveries(id).valueStream()
                    .filter(d -> d.get("status").asString().equals("failed")).count() == 3);

            JsonNode requeued = post("/api/v1/platform/webhooks/{id}/deliveries/retry-failed", HttpStatus.ACCEPTED, id);
            assertThat(requeued.get("queued").asLong()).isEqualTo(3);
            assertThat(requeued.get("events_missing").asLong()).isZero();
            Awaitility.await().atMost(Tour.WAIT.toSeconds(), TimeUnit.SECONDS).until(() -> Tour.deliveries(id).valueStream()
                    .allMatch(d -> d.get("status").asString().equals("delivered") && d.get("attempts").asInt() == 2));
            assertThat(receiver.received()).hasSize(6);
            // nothing failed is left: a second call queues nothing
            assertThat(post("/api/v1/platform/webhooks/{id}/deliveries/retry-failed", HttpStatus.ACCEPTED, id).get("queued").asLong()).isZero();
        }
    }

    @Test
    void resumingCanReplayWhatWasSkippedWhilePaused() throws Exception {
        try (TestReceiver receiver = TestReceiver.start()) {
            String id = Tour.createWebhook(Map.of("url", receiver.url("/skipped"), "events", List.of("campaign.paused"),
                    "status", "paused", "filters", only("camp_skip_1", "camp_skip_2"))).get("id").asString();
            List<String> events = Tour.publish(List.of(paused("camp_skip_1"), paused("camp_skip_2")));
            Awaitility.await().atMost(Tour.WAIT.toSeconds(), TimeUnit.SECONDS).until(() -> Tour.deliveries(id).valueStream()
                    .filter(d -> d.get("status").asString().equals("skipped")).count() == 2);
            // a skipped delivery cannot be retried while the webhook is paused
            String skipped = Tour.deliveries(id).get(0).get("id").asString();
            JsonNode refused = post("/api/v1/platform/webhooks/{id}/deliveries/{d}/retry", HttpStatus.CONFLICT, id, skipped);
            assertThat(refused.get("detail").asString()).contains("paused").contains("resume it first");

            byte[] answer = TestStack.api().post().uri("/api/v1/platform/webhooks/{id}/resume", id)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("replay_skipped", true))
                    .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
            JsonNode resumed = Json.mapper().readTree(answer);
            assertThat(resumed.get("status").asString()).isEqualTo("active");
            assertThat(resumed.get("replayed_skipped").asLong()).isEqualTo(2);
            receiver.awaitRequests(2, Tour.WAIT);
            assertThat(receiver.received().stream().map(r -> Json.mapper().readTree(r.body()).get("id").asString()))
                    .containsExactlyInAnyOrderElementsOf(events);
            Awaitility.await().atMost(Tour.WAIT.toSeconds(), TimeUnit.SECONDS).until(() -> Tour.deliveries(id).valueStream()
                    .allMatch(d -> d.get("status").asString().equals("delivered")));
        }
    }

    @Test
    void refusesToRetryWhatDoesNotExistOrIsStillScheduled() throws Exception {
        try (TestReceiver receiver = TestReceiver.start(500, 500, 500, 500)) {
            String id = Tour.createWebhook(Map.of("url", receiver.url("/pending"), "events", List.of("campaign.paused"),
                    "max_retries", 3, "filters", only("camp_pending"))).get("id").asString();
            post("/api/v1/platform/webhooks/{id}/deliveries/{d}/retry", HttpStatus.NOT_FOUND, id, "dlv_nope");
            post("/api/v1/platform/webhooks/{id}/deliveries/{d}/retry", HttpStatus.NOT_FOUND, "wh_nope", "dlv_nope");
            Tour.publish(paused("camp_pending"));
            String deliveryId = Tour.awaitDelivery(id, "pending_retry").get("id").asString();
            JsonNode refused = post("/api/v1/platform/webhooks/{id}/deliveries/{d}/retry", HttpStatus.CONFLICT, id, deliveryId);
            assertThat(refused.get("title").asString()).isEqualTo("Delivery already scheduled");
        }
    }

    private static JsonNode post(String uri, HttpStatus expected, Object... variables) {
        byte[] answer = TestStack.api().post().uri(uri, variables).exchange().expectStatus().isEqualTo(expected)
                .expectBody().returnResult().getResponseBody();
        return Json.mapper().readTree(answer);
    }

    /** The tests share a workspace: each webhook takes its own test's campaigns only. */
    private static Map<String, Object> only(String... campaigns) {
        return Map.of("campaign_ids", List.of(campaigns));
    }

    private static Map<String, Object> paused(String campaign) {
        return Map.of("type", "campaign.paused", "data", Map.of("campaign_id", campaign, "paused_at", "2026-11-24T10:00:00Z"));
    }
}
