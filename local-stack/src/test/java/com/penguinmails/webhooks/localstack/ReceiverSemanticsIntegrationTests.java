package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

/** What receivers say is honoured end to end: 410 Gone disables the webhook, Retry-After delays the retry. */
class ReceiverSemanticsIntegrationTests {

    @Test
    void goneDisablesTheWebhookAndEndsTheDelivery() throws Exception {
        try (TestReceiver receiver = TestReceiver.start(410)) {
            String id = Tour.createWebhook(Map.of("url", receiver.url("/gone"), "events", List.of("contact.created")))
                    .get("id").asString();
            Tour.publish(Map.of("type", "contact.created", "data", Map.of("contact_id", "c", "email", "c@example.com")));
            JsonNode delivery = Tour.awaitDelivery(id, "failed");
            assertThat(delivery.get("status_code").asInt()).isEqualTo(410);
            assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
            org.awaitility.Awaitility.await().atMost(Tour.WAIT).until(() -> "disabled".equals(webhookStatus(id)));
            // a disabled webhook is called no more: the next event is recorded as skipped
            Tour.publish(Map.of("type", "contact.created", "data", Map.of("contact_id", "d", "email", "d@example.com")));
            org.awaitility.Awaitility.await().atMost(Tour.WAIT)
                    .until(() -> Tour.deliveries(id).valueStream().anyMatch(d -> d.get("status").asString().equals("skipped")));
            assertThat(receiver.received()).hasSize(1);
        }
    }

    @Test
    void retryAfterDelaysTheNextAttemptBeyondTheSchedule() throws Exception {
        // the test stack's schedule retries after 1 s; the receiver asks for 3 s
        try (TestReceiver receiver = TestReceiver.answering(new TestReceiver.Answer(429, Map.of("Retry-After", "3"), "slow down"))) {
            String id = Tour.createWebhook(Map.of("url", receiver.url("/busy"), "events", List.of("campaign.completed")))
                    .get("id").asString();
            Tour.publish(Map.of("type", "campaign.completed", "data", Map.of("campaign_id", "camp_1", "stats", Map.of("sent", 1))));
            JsonNode delivery = Tour.awaitDelivery(id, "delivered");
            JsonNode attempts = Tour.delivery(id, delivery.get("id").asString()).get("attempts_detail");
            JsonNode first = attempts.get(0);
            assertThat(first.get("status_code").asInt()).isEqualTo(429);
            assertThat(first.get("error_class").asString()).isEqualTo("http_status");
            assertThat(first.get("response_headers").get("retry-after").asString()).isEqualTo("3");
            Duration asked = Duration.between(Instant.parse(first.get("attempted_at").asString()),
                    Instant.parse(first.get("next_attempt_at").asString()));
            assertThat(asked).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
            assertThat(Instant.parse(attempts.get(1).get("attempted_at").asString()))
                    .isAfterOrEqualTo(Instant.parse(first.get("next_attempt_at").asString()).minusMillis(50));
        }
    }

    private static String webhookStatus(String id) {
        byte[] body = TestStack.api().get().uri("/api/v1/platform/webhooks/{id}", id).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        return com.penguinmails.webhooks.model.Json.mapper().readTree(body).get("status").asString();
    }
}
