package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.signing.PenguinSignature;
import tools.jackson.databind.JsonNode;

/** Test sends (spec 001 "Test Mode"): a real request to a real receiver, answered with what went and what came back. */
class TestSendIntegrationTests {

    @Test
    void sendsTheSampleEventAndAnswersWithTheReceiversRealResponse() throws Exception {
        try (TestReceiver receiver = TestReceiver.answering(new TestReceiver.Answer(418, Map.of("X-Receiver", "teapot"), "short and stout"))) {
            JsonNode created = Tour.createWebhook(Map.of("url", receiver.url("/test-send"), "events", List.of("email.opened"),
                    "status", "paused", "headers", Map.of("Authorization", "Bearer receiver-token")));
            String id = created.get("id").asString();
            String secret = created.get("secret").asString();

            JsonNode answer = call(id, Map.of("event_type", "email.clicked"), HttpStatus.OK);
            // a paused webhook, and a type it does not subscribe to: a test is sent all the same
            TestReceiver.Received received = receiver.awaitRequests(1, Tour.WAIT).getFirst();
            assertThat(answer.get("success").asBoolean()).isFalse();
            assertThat(answer.get("response").get("status_code").asInt()).isEqualTo(418);
            assertThat(answer.get("response").get("body").asString()).isEqualTo("short and stout");
            assertThat(answer.get("response").get("headers").get("x-receiver").asString()).isEqualTo("teapot");
            assertThat(answer.get("error_class").asString()).isEqualTo("http_status");
            // the request in the answer is the one the receiver got, byte for byte, and its signature verifies
            String body = answer.get("request").get("body").asString();
            assertThat(new String(received.body(), StandardCharsets.UTF_8)).isEqualTo(body);
            assertThat(answer.get("request").get("url").asString()).isEqualTo(receiver.url("/test-send"));
            assertThat(answer.get("request").get("headers").get("X-PenguinMails-Signature").asString())
                    .isEqualTo(received.headers().get("x-penguinmails-signature").getFirst());
            assertThat(PenguinSignature.verify(secret, received.body(), received.headers().get("x-penguinmails-signature").getFirst())).isTrue();
            assertThat(received.headers().get("authorization")).containsExactly("Bearer receiver-token");
            assertThat(answer.get("request").get("headers").get("Authorization").asString()).isEqualTo("[redacted]");
            JsonNode sample = Json.mapper().readTree(EventType.EMAIL_CLICKED.exampleJson()).get("data");
            assertThat(Json.mapper().readTree(body).get("data")).isEqualTo(sample);
            assertThat(answer.get("event").get("type").asString()).isEqualTo("email.clicked");

            // in the log as a test; never counted against the webhook's health
            String deliveryId = answer.get("delivery_id").asString();
            JsonNode logged = awaitLogged(id, deliveryId);
            assertThat(logged.get("test").asBoolean()).isTrue();
            assertThat(logged.get("status_code").asInt()).isEqualTo(418);
            JsonNode webhook = Json.mapper().readTree(TestStack.api().get().uri("/api/v1/platform/webhooks/{id}", id).exchange()
                    .expectStatus().isOk().expectBody().returnResult().getResponseBody());
            assertThat(webhook.get("consecutive_failures").asInt()).isZero();
            assertThat(webhook.get("status").asString()).isEqualTo("paused");

            // custom data goes as given
            JsonNode custom = call(id, Map.of("event_type", "email.opened", "data_source", "custom",
                    "data", Map.of("email_id", "msg_custom", "contact", Map.of("email", "x@example.com"))), HttpStatus.OK);
            assertThat(custom.get("success").asBoolean()).isTrue();
            assertThat(Json.mapper().readTree(custom.get("request").get("body").asString()).get("data").get("email_id").asString())
                    .isEqualTo("msg_custom");
            TestStack.api().delete().uri("/api/v1/platform/webhooks/{id}", id).exchange().expectStatus().isNoContent();
        }
    }

    @Test
    void sendsTheLatestStoredEventOfTheTypeOrSaysThereIsNone() throws Exception {
        try (TestReceiver receiver = TestReceiver.start()) {
            String id = Tour.createWebhook(Map.of("url", receiver.url("/latest"), "events", List.of("contact.created"), "status", "paused"))
                    .get("id").asString();
            JsonNode example = Json.mapper().readTree(EventType.CONTACT_CREATED.exampleJson());
            String marker = "latest-" + System.nanoTime() + "@example.com";
            tools.jackson.databind.node.ObjectNode data = (tools.jackson.databind.node.ObjectNode) example.get("data").deepCopy();
            data.put("email", marker);
            String eventId = Tour.publish(Map.of("type", "contact.created", "data", data)).getFirst();
            org.awaitility.Awaitility.await().atMost(Tour.WAIT).until(() -> stored(eventId));

            JsonNode answer = call(id, Map.of("event_type", "contact.created", "data_source", "latest"), HttpStatus.OK);
            assertThat(answer.get("success").asBoolean()).isTrue();
            assertThat(Json.mapper().readTree(answer.get("request").get("body").asString()).get("data").get("email").asString()).isEqualTo(marker);

            JsonNode none = call(id, Map.of("event_type", "webhook.disabled", "data_source", "latest"), HttpStatus.UNPROCESSABLE_CONTENT);
            assertThat(none.get("errors").get(0).get("field").asString()).isEqualTo("data_source");
            TestStack.api().delete().uri("/api/v1/platform/webhooks/{id}", id).exchange().expectStatus().isNoContent();
        }
    }

    @Test
    void answersTheErrorWhenNoResponseComesAndRefusesBadRequests() throws Exception {
        String id = Tour.createWebhook(Map.of("url", "http://127.0.0.1:9/closed", "events", List.of("email.opened"), "status", "paused"))
                .get("id").asString();
        JsonNode refused = call(id, Map.of("event_type", "email.opened"), HttpStatus.OK);
        assertThat(refused.get("success").asBoolean()).isFalse();
        assertThat(refused.has("response")).isFalse();
        assertThat(refused.get("error_class").asString()).isEqualTo("connection_refused");
        assertThat(refused.get("request").get("body").asString()).contains("\"type\":\"email.opened\"");

        JsonNode invalid = call(id, Map.of("event_type", "email.teleported", "data_source", "guess", "data", List.of(1)), HttpStatus.BAD_REQUEST);
        assertThat(invalid.get("errors").valueStream().map(e -> e.get("field").asString())).containsExactly("event_type", "data_source", "data");
        JsonNode customWithoutData = call(id, Map.of("event_type", "email.opened", "data_source", "custom"), HttpStatus.BAD_REQUEST);
        assertThat(customWithoutData.get("errors").get(0).get("reason").asString()).contains("data must be a JSON object");
        JsonNode missing = Json.mapper().readTree(TestStack.api().post().uri("/api/v1/platform/webhooks/{id}/test", id)
                .contentType(MediaType.APPLICATION_JSON).exchange().expectStatus().isBadRequest().expectBody().returnResult().getResponseBody());
        assertThat(missing.get("errors").get(0).get("field").asString()).isEqualTo("body");
        call("wh_missing", Map.of("event_type", "email.opened"), HttpStatus.NOT_FOUND);
        TestStack.api().delete().uri("/api/v1/platform/webhooks/{id}", id).exchange().expectStatus().isNoContent();
    }

    private static JsonNode call(String webhookId, Object body, HttpStatus expected) {
        byte[] answer = TestStack.api().post().uri("/api/v1/platform/webhooks/{id}/test", webhookId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isEqualTo(expected).expectBody().returnResult().getResponseBody();
        return Json.mapper().readTree(answer);
    }

    private static JsonNode awaitLogged(String webhookId, String deliveryId) {
        java.util.concurrent.atomic.AtomicReference<JsonNode> found = new java.util.concurrent.atomic.AtomicReference<>();
        org.awaitility.Awaitility.await().atMost(Tour.WAIT).until(() -> {
            found.set(Tour.deliveries(webhookId).valueStream().filter(d -> d.get("id").asString().equals(deliveryId)).findFirst().orElse(null));
            return found.get() != null;
        });
        return found.get();
    }

    private static boolean stored(String eventId) throws Exception {
        try (var db = TestStack.database(); var query = db.prepareStatement("select 1 from webhook_events where id = ?")) {
            query.setString(1, eventId);
            try (var rows = query.executeQuery()) {
                return rows.next();
            }
        }
    }
}
