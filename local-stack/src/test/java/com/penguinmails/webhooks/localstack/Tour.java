package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.awaitility.Awaitility;
import org.springframework.http.MediaType;

import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;

/** The steps every end-to-end test takes, over HTTP against the shared stack. */
final class Tour {

    static final Duration WAIT = Duration.ofSeconds(30);

    private Tour() {
    }

    /** Creates a webhook and returns the API's answer (with the secret). */
    static JsonNode createWebhook(Map<String, Object> body) {
        Map<String, Object> named = new java.util.LinkedHashMap<>(body);
        named.putIfAbsent("name", "Test webhook"); // required; most tests do not care what it is
        byte[] answer = TestStack.api().post().uri("/api/v1/platform/webhooks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(named).exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody();
        return Json.mapper().readTree(answer);
    }

    /** Posts events to ingest, expects 202 and returns the assigned ids. */
    static List<String> publish(Object events) {
        byte[] answer = TestStack.ingest().post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(events).exchange().expectStatus().isAccepted().expectBody().returnResult().getResponseBody();
        JsonNode ids = Json.mapper().readTree(answer).get("ids");
        return ids.valueStream().map(JsonNode::asString).toList();
    }

    static JsonNode deliveries(String webhookId) {
        byte[] answer = TestStack.api().get().uri("/api/v1/platform/webhooks/{id}/deliveries", webhookId).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return Json.mapper().readTree(answer).get("data");
    }

    static JsonNode delivery(String webhookId, String deliveryId) {
        byte[] answer = TestStack.api().get().uri("/api/v1/platform/webhooks/{id}/deliveries/{d}", webhookId, deliveryId)
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return Json.mapper().readTree(answer);
    }

    /** Waits until the webhook's log shows one delivery in the given status, and returns it. */
    static JsonNode awaitDelivery(String webhookId, String status) {
        AtomicReference<JsonNode> found = new AtomicReference<>();
        Awaitility.await().atMost(WAIT.toSeconds(), TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode data = deliveries(webhookId);
            if (data.size() == 1 && status.equals(data.get(0).get("status").asString())) {
                found.set(data.get(0));
                return true;
            }
            return false;
        });
        assertThat(found.get()).isNotNull();
        return found.get();
    }
}
