package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.signing.PenguinSignature;
import com.penguinmails.webhooks.model.signing.StandardWebhookSignature;
import tools.jackson.databind.JsonNode;

/** Update, pause and resume, secret rotation and delete, each seen through real deliveries. */
class WebhookLifecycleIntegrationTests {

    private static final Map<String, Object> OPENED = Map.of("type", "email.opened",
            "data", Map.of("email_id", "msg_1", "contact", Map.of("email", "user@example.com")));

    @Test
    void putReplacesAndPatchChangesOnlyTheGivenFields() throws Exception {
        try (TestReceiver first = TestReceiver.start(); TestReceiver second = TestReceiver.start()) {
            String id = Tour.createWebhook(Map.of("name", "before", "url", first.url("/a"), "events", List.of("email.opened"),
                    "timeout_seconds", 7)).get("id").asString();
            JsonNode patched = call(TestStack.api().patch().uri("/api/v1/platform/webhooks/{id}", id)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("url", second.url("/b"))), HttpStatus.OK);
            assertThat(patched.get("url").asString()).isEqualTo(second.url("/b"));
            assertThat(patched.get("name").asString()).isEqualTo("before");
            assertThat(patched.get("timeout_seconds").asInt()).isEqualTo(7);

            Tour.publish(OPENED);
            second.awaitRequests(1, Tour.WAIT);
            assertThat(first.received()).isEmpty();

            JsonNode replaced = call(TestStack.api().put().uri("/api/v1/platform/webhooks/{id}", id)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "after", "url", second.url("/b"),
                            "events", List.of("email.clicked"))), HttpStatus.OK);
            assertThat(replaced.get("name").asString()).isEqualTo("after");
            assertThat(replaced.get("timeout_seconds").asInt()).isEqualTo(5);
            assertThat(replaced.get("events").valueStream().map(JsonNode::asString)).containsExactly("email.clicked");

            JsonNode problem = call(TestStack.api().patch().uri("/api/v1/platform/webhooks/{id}", id)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("url", "ftp://nope")), HttpStatus.BAD_REQUEST);
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("url");
            call(TestStack.api().patch().uri("/api/v1/platform/webhooks/wh_missing").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("name", "x")), HttpStatus.NOT_FOUND);
        }
    }

    @Test
    void sendsTheOwnersHeadersWithEveryPostAndKeepsTheirAuthorizationOutOfTheLog() throws Exception {
        try (TestReceiver receiver = TestReceiver.start()) {
            JsonNode created = Tour.createWebhook(Map.of("url", receiver.url("/h"), "events", List.of("email.unsubscribed"),
                    "headers", Map.of("Authorization", "Bearer receiver-token", "X-Tenant", "acme")));
            String id = created.get("id").asString();
            assertThat(created.get("headers").get("X-Tenant").asString()).isEqualTo("acme");

            JsonNode example = Json.mapper().readTree(com.penguinmails.webhooks.model.EventType.EMAIL_UNSUBSCRIBED.exampleJson());
            Tour.publish(Map.of("type", "email.unsubscribed", "data", example.get("data")));
            TestReceiver.Received received = receiver.awaitRequests(1, Tour.WAIT).getFirst();
            assertThat(received.headers().get("authorization")).containsExactly("Bearer receiver-token");
            assertThat(received.headers().get("x-tenant")).containsExactly("acme");
            assertThat(received.headers().get("x-penguinmails-signature")).hasSize(1);

            JsonNode delivery = Tour.awaitDelivery(id, "delivered");
            JsonNode sent = Tour.delivery(id, delivery.get("id").asString()).get("attempts_detail").get(0).get("request_headers");
            assertThat(sent.get("Authorization").asString()).isEqualTo("[redacted]");
            assertThat(sent.get("X-Tenant").asString()).isEqualTo("acme");
            // the inspector shows the body byte for byte as the receiver got it
            assertThat(Tour.delivery(id, delivery.get("id").asString()).get("request_body").asString())
                    .isEqualTo(new String(received.body(), java.nio.charset.StandardCharsets.UTF_8));

            // a PATCH without headers keeps them; one with an empty object removes them
            JsonNode kept = call(TestStack.api().patch().uri("/api/v1/platform/webhooks/{id}", id)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "renamed")), HttpStatus.OK);
            assertThat(kept.get("headers").get("X-Tenant").asString()).isEqualTo("acme");
            JsonNode cleared = call(TestStack.api().patch().uri("/api/v1/platform/webhooks/{id}", id)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("headers", Map.of())), HttpStatus.OK);
            assertThat(cleared.has("headers")).isFalse();
            TestStack.api().delete().uri("/api/v1/platform/webhooks/{id}", id).exchange().expectStatus().isNoContent();
        }
    }

    @Test
    void pausedWebhooksRecordEventsAsSkippedAndResumedOnesReceiveAgain() throws Exception {
        try (TestReceiver receiver = TestReceiver.start()) {
            String id = Tour.createWebhook(Map.of("url", receiver.url("/p"), "events", List.of("campaign.paused")))
                    .get("id").asString();
            assertThat(call(TestStack.api().post().uri("/api/v1/platform/webhooks/{id}/pause", id), HttpStatus.OK)
                    .get("status").asString()).isEqualTo("paused");
            Tour.publish(Map.of("type", "campaign.paused", "data", Map.of("campaign_id", "camp_1")));
            Tour.awaitDelivery(id, "skipped");
            assertThat(call(TestStack.api().post().uri("/api/v1/platform/webhooks/{id}/resume", id), HttpStatus.OK)
                    .get("status").asString()).isEqualTo("active");
            Tour.publish(Map.of("type", "campaign.paused", "data", Map.of("campaign_id", "camp_2")));
            assertThat(Json.mapper().readTree(receiver.awaitRequests(1, Tour.WAIT).getFirst().body())
                    .get("data").get("campaign_id").asString()).isEqualTo("camp_2");
        }
    }

    @Test
    void rotationSignsWithBothSecretsDuringTheGracePeriodAndOnlyTheNewOneAfter() throws Exception {
        try (TestReceiver receiver = TestReceiver.start()) {
            JsonNode created = Tour.createWebhook(Map.of("url", receiver.url("/r"), "events", List.of("email.opened")));
            String id = created.get("id").asString();
            String oldSecret = created.get("secret").asString();

            JsonNode rotated = call(TestStack.api().post().uri("/api/v1/platform/webhooks/{id}/rotate-secret", id)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("grace_period_seconds", 3)), HttpStatus.OK);
            String newSecret = rotated.get("secret").asString();
            assertThat(newSecret).startsWith("whsec_").isNotEqualTo(oldSecret);
            Instant graceEnds = Instant.parse(rotated.get("previous_secret_expires_at").asString());

            Tour.publish(OPENED);
            TestReceiver.Received during = receiver.awaitRequests(1, Tour.WAIT).getFirst();
            assertThat(during.header("webhook-signature").split(" ")).hasSize(2);
            assertThat(verifiesStandard(newSecret, during)).isTrue();
            assertThat(verifiesStandard(oldSecret, during)).isTrue();
            assertThat(PenguinSignature.verify(newSecret, during.body(), during.header("X-PenguinMails-Signature"))).isTrue();

            // after the grace period the dispatcher drops the old secret by itself: no further config change is needed
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> Instant.now().isAfter(graceEnds.plusMillis(200)));
            Tour.publish(OPENED);
            TestReceiver.Received after = receiver.awaitRequests(2, Tour.WAIT).get(1);
            assertThat(after.header("webhook-signature").split(" ")).hasSize(1);
            assertThat(verifiesStandard(newSecret, after)).isTrue();
            assertThat(verifiesStandard(oldSecret, after)).isFalse();

            JsonNode problem = call(TestStack.api().post().uri("/api/v1/platform/webhooks/{id}/rotate-secret", id)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("grace_period_seconds", 604801)), HttpStatus.BAD_REQUEST);
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("grace_period_seconds");
        }
    }

    @Test
    void deletedWebhooksAreGoneAndReceiveNothing() throws Exception {
        try (TestReceiver deleted = TestReceiver.start(); TestReceiver kept = TestReceiver.start()) {
            String goneId = Tour.createWebhook(Map.of("url", deleted.url("/gone"), "events", List.of("contact.unsubscribed")))
                    .get("id").asString();
            String keptId = Tour.createWebhook(Map.of("url", kept.url("/kept"), "events", List.of("contact.unsubscribed")))
                    .get("id").asString();
            TestStack.api().delete().uri("/api/v1/platform/webhooks/{id}", goneId).exchange().expectStatus().isNoContent();
            call(TestStack.api().get().uri("/api/v1/platform/webhooks/{id}", goneId), HttpStatus.NOT_FOUND);
            call(TestStack.api().delete().uri("/api/v1/platform/webhooks/{id}", goneId), HttpStatus.NOT_FOUND);

            Tour.publish(Map.of("type", "contact.unsubscribed", "data", Map.of("contact_id", "cont_9")));
            // both webhooks would be matched by the same dispatch: once the kept one's delivery is logged, the deleted
            // one would have been attempted too
            Tour.awaitDelivery(keptId, "delivered");
            assertThat(kept.received()).hasSize(1);
            assertThat(deleted.received()).isEmpty();
        }
    }

    /**
     * Issue 23: a webhook the health policy disabled stays disabled through a change of its other settings, no request
     * can disable one, and every way back to active (a resume, a PUT) clears its failure streak.
     */
    @Test
    void aDisabledWebhookStaysDisabledUntilResumedAndEveryResumeClearsItsFailureStreak() throws Exception {
        String viaResume = disabledWebhook();
        JsonNode patched = call(TestStack.api().patch().uri("/api/v1/platform/webhooks/{id}", viaResume)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("timeout_seconds", 10)), HttpStatus.OK);
        assertThat(patched.get("timeout_seconds").asInt()).isEqualTo(10);
        assertThat(patched.get("status").asString()).isEqualTo("disabled");
        assertThat(patched.get("consecutive_failures").asInt()).isEqualTo(100);
        assertThat(patched.get("failing").asBoolean()).isTrue();
        // sent back as read: still disabled, streak and all
        JsonNode put = call(TestStack.api().put().uri("/api/v1/platform/webhooks/{id}", viaResume)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(settings(patched, "disabled")), HttpStatus.OK);
        assertThat(put.get("status").asString()).isEqualTo("disabled");
        assertThat(put.get("consecutive_failures").asInt()).isEqualTo(100);

        JsonNode resumed = call(TestStack.api().post().uri("/api/v1/platform/webhooks/{id}/resume", viaResume), HttpStatus.OK);
        assertStreakCleared(resumed);

        String viaPut = disabledWebhook();
        JsonNode current = call(TestStack.api().get().uri("/api/v1/platform/webhooks/{id}", viaPut), HttpStatus.OK);
        JsonNode activated = call(TestStack.api().put().uri("/api/v1/platform/webhooks/{id}", viaPut).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(settings(current, "active")), HttpStatus.OK);
        assertStreakCleared(activated);

        // no request disables a webhook
        JsonNode refused = call(TestStack.api().patch().uri("/api/v1/platform/webhooks/{id}", viaPut)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("status", "disabled")), HttpStatus.BAD_REQUEST);
        assertThat(refused.get("errors").get(0).get("field").asString()).isEqualTo("status");
    }

    /** The settings of a webhook as read, for a PUT, with this status. */
    private static Map<String, Object> settings(JsonNode webhook, String status) {
        return Map.of("name", webhook.get("name").asString(), "url", webhook.get("url").asString(),
                "events", List.of(webhook.get("events").get(0).asString()), "status", status,
                "timeout_seconds", webhook.get("timeout_seconds").asInt(), "max_retries", webhook.get("max_retries").asInt(),
                "retries_enabled", webhook.get("retries_enabled").asBoolean());
    }

    private static String disabledWebhook() {
        String id = Tour.createWebhook(Map.of("url", "https://example.com/disabled", "events", List.of("email.opened"))).get("id").asString();
        TestStack.autoPause(id);
        return id;
    }

    private static void assertStreakCleared(JsonNode webhook) {
        assertThat(webhook.get("status").asString()).isEqualTo("active");
        assertThat(webhook.get("consecutive_failures").asInt()).isZero();
        assertThat(webhook.get("failing").asBoolean()).isFalse();
    }

    private static boolean verifiesStandard(String secret, TestReceiver.Received request) {
        return StandardWebhookSignature.verify(secret, request.header("webhook-id"), request.header("webhook-timestamp"),
                request.body(), request.header("webhook-signature"), Instant.now(), Duration.ofMinutes(5));
    }

    private static JsonNode call(WebTestClient.RequestHeadersSpec<?> request, HttpStatus expected) {
        byte[] answer = request.exchange().expectStatus().isEqualTo(expected).expectBody().returnResult().getResponseBody();
        return answer == null ? null : Json.mapper().readTree(answer);
    }
}
