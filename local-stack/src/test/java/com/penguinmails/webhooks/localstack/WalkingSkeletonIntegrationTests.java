package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.standardwebhooks.Webhook;
import org.junit.jupiter.api.Test;

import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.signing.PenguinSignature;
import tools.jackson.databind.JsonNode;

/**
 * The whole path through real Kafka, PostgreSQL and HTTP: create a webhook, post an event, a real receiver gets a
 * signed POST, and the delivery log tells what happened.
 */
class WalkingSkeletonIntegrationTests {

    @Test
    void deliversASignedEventAndRecordsTheDelivery() throws Exception {
        try (TestReceiver receiver = TestReceiver.start()) {
            JsonNode webhook = Tour.createWebhook(Map.of("name", "skeleton", "url", receiver.url("/hook"),
                    "events", List.of("email.opened", "email.clicked")));
            String secret = webhook.get("secret").asString();
            assertThat(secret).startsWith("whsec_");

            String eventId = Tour.publish(Map.of("type", "email.opened",
                    "data", Map.of("email_id", "msg_xyz789", "contact", Map.of("email", "user@example.com")))).getFirst();

            TestReceiver.Received request = receiver.awaitRequests(1, Tour.WAIT).getFirst();
            JsonNode body = Json.mapper().readTree(request.body());
            assertThat(body.get("id").asString()).isEqualTo(eventId);
            assertThat(body.get("type").asString()).isEqualTo("email.opened");
            assertThat(body.get("data").get("email_id").asString()).isEqualTo("msg_xyz789");
            assertThat(request.header("X-PenguinMails-Event")).isEqualTo("email.opened");
            assertThat(request.header("User-Agent")).isEqualTo("PenguinMails-Webhooks/1.0");
            assertThat(request.header("Content-Type")).startsWith("application/json");

            // spec 001 signature over the raw bytes received
            assertThat(PenguinSignature.verify(secret, request.body(), request.header("X-PenguinMails-Signature"))).isTrue();
            assertThat(PenguinSignature.verify(secret, "{}".getBytes(), request.header("X-PenguinMails-Signature"))).isFalse();
            // Standard Webhooks, checked by the reference library itself
            assertThatCode(() -> new Webhook(secret).verify(request.bodyText(), Map.of(
                    "webhook-id", List.of(request.header("webhook-id")),
                    "webhook-timestamp", List.of(request.header("webhook-timestamp")),
                    "webhook-signature", List.of(request.header("webhook-signature"))))).doesNotThrowAnyException();

            JsonNode delivery = Tour.awaitDelivery(webhook.get("id").asString(), "delivered");
            assertThat(delivery.get("id").asString()).isEqualTo(request.header("X-PenguinMails-Delivery-ID"))
                    .isEqualTo(request.header("webhook-id")).startsWith("dlv_");
            assertThat(delivery.get("event_id").asString()).isEqualTo(eventId);
            assertThat(delivery.get("status_code").asInt()).isEqualTo(200);
            assertThat(delivery.get("attempts").asInt()).isEqualTo(1);
            assertThat(delivery.get("duration_ms").isNumber()).isTrue();
            assertThat(delivery.get("duration_ms").asLong()).isGreaterThanOrEqualTo(0);
            assertThat(receiver.received()).hasSize(1);
        }
    }

    @Test
    void retriesThroughTheDelayTopicAndSchedulerAfterAFailure() throws Exception {
        try (TestReceiver receiver = TestReceiver.start(500)) {
            JsonNode webhook = Tour.createWebhook(Map.of("url", receiver.url("/flaky"), "events", List.of("campaign.launched")));
            String webhookId = webhook.get("id").asString();
            Instant sent = Instant.now();
            Tour.publish(Map.of("type", "campaign.launched", "data", Map.of("campaign_id", "camp_1")));

            List<TestReceiver.Received> requests = receiver.awaitRequests(2, Tour.WAIT);
            // the retry waited on webhooks.retry.1m for the configured delay (1 s here) before coming back due
            JsonNode delivery = Tour.awaitDelivery(webhookId, "delivered");
            assertThat(delivery.get("attempts").asInt()).isEqualTo(2);
            assertThat(requests.get(0).header("X-PenguinMails-Delivery-ID")).isEqualTo(requests.get(1).header("X-PenguinMails-Delivery-ID"));
            assertThat(requests.get(0).bodyText()).isEqualTo(requests.get(1).bodyText());

            JsonNode detail = Tour.delivery(webhookId, delivery.get("id").asString()).get("attempts_detail");
            assertThat(detail).hasSize(2);
            JsonNode first = detail.get(0);
            JsonNode second = detail.get(1);
            assertThat(first.get("outcome").asString()).isEqualTo("retry_scheduled");
            assertThat(first.get("status_code").asInt()).isEqualTo(500);
            assertThat(first.get("response_body").asString()).isEqualTo("scripted failure 500");
            assertThat(first.get("request_headers").get("X-PenguinMails-Event").asString()).isEqualTo("campaign.launched");
            Instant firstAt = Instant.parse(first.get("attempted_at").asString());
            Instant nextAt = Instant.parse(first.get("next_attempt_at").asString());
            assertThat(Duration.between(firstAt, nextAt)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(3));
            assertThat(second.get("outcome").asString()).isEqualTo("delivered");
            assertThat(Instant.parse(second.get("attempted_at").asString())).isAfterOrEqualTo(nextAt.minusMillis(50));
            assertThat(firstAt).isAfter(sent.minusSeconds(1));
        }
    }

    @Test
    void deadLettersWhenNoRetriesAreLeft() throws Exception {
        try (TestReceiver receiver = TestReceiver.start(503, 503, 503, 503)) {
            JsonNode webhook = Tour.createWebhook(Map.of("url", receiver.url("/down"), "events", List.of("contact.created"),
                    "max_retries", 1));
            Tour.publish(Map.of("type", "contact.created", "data", Map.of("contact_id", "cont_1", "email", "new@example.com")));
            JsonNode delivery = Tour.awaitDelivery(webhook.get("id").asString(), "failed");
            assertThat(delivery.get("attempts").asInt()).isEqualTo(2);
            assertThat(delivery.get("max_attempts").asInt()).isEqualTo(2);
            assertThat(delivery.get("status_code").asInt()).isEqualTo(503);
            assertThat(delivery.get("error").asString()).isEqualTo("HTTP 503");
            assertThat(receiver.received()).hasSize(2);
        }
    }

    @Test
    void recordsEventsForAPausedWebhookAsSkippedWithoutCallingIt() throws Exception {
        try (TestReceiver receiver = TestReceiver.start()) {
            JsonNode webhook = Tour.createWebhook(Map.of("url", receiver.url("/paused"), "events", List.of("contact.updated"),
                    "status", "paused"));
            Tour.publish(Map.of("type", "contact.updated", "data", Map.of("contact_id", "cont_2", "changed_fields", List.of("tags"))));
            JsonNode delivery = Tour.awaitDelivery(webhook.get("id").asString(), "skipped");
            assertThat(delivery.get("error").asString()).isEqualTo("the webhook is paused");
            assertThat(receiver.received()).isEmpty();
        }
    }
}
