package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;

/**
 * Webhook health end to end, with spec 001's thresholds (failing after 5 failed attempts in a row, paused after 100
 * failed attempts in a row; {@link HealthScheduleIntegrationTests} checks the first at the default retry schedule): the system events reach a webhook subscribed to them, a paused webhook is called no more,
 * and after resuming one success clears the failing flag.
 */
class HealthIntegrationTests {

    @Test
    void failingThenDisabledAnnouncedAsSystemEventsAndClearedBySuccess() throws Exception {
        // 400s: a failed delivery for the health policy, but an answer for the circuit breaker, which would otherwise
        // open after 10 calls and fail the other attempts without calling the receiver
        try (TestReceiver broken = TestReceiver.start(java.util.Collections.nCopies(100, 400).toArray(Integer[]::new));
             TestReceiver operations = TestReceiver.start()) {
            String brokenId = Tour.createWebhook(Map.of("url", broken.url("/broken"), "events", List.of("contact.updated"),
                    "retries_enabled", false)).get("id").asString();
            // other tests' webhooks in the shared workspace fail too: listen to this one's system events only
            Tour.createWebhook(Map.of("url", operations.url("/ops"), "events", List.of("system.*"),
                    "filters", Map.of("payload", Map.of("webhook_id", brokenId))));

            for (int i = 0; i < 5; i++) {
                Tour.publish(update(i));
            }
            Awaitility.await().atMost(Tour.WAIT).untilAsserted(() -> assertThat(webhook(brokenId).get("failing").asBoolean())
                    .as("webhook %s deliveries %s", webhook(brokenId), Tour.deliveries(brokenId)).isTrue());
            JsonNode failing = Json.mapper().readTree(operations.awaitRequests(1, Tour.WAIT).getFirst().body());
            assertThat(failing.get("type").asString()).isEqualTo("webhook.failing");
            assertThat(failing.get("data").get("webhook_id").asString()).isEqualTo(brokenId);
            assertThat(failing.get("data").get("consecutive_failures").asInt()).isEqualTo(5);
            assertThat(failing.get("data").get("last_status_code").asInt()).isEqualTo(400);
            // the workspace's admin is told by e-mail, through the stack's SMTP server, and so is everyone reading the inspector
            LocalMail.Message failingMail = awaitMail("Webhook failing: " + broken.url("/broken"));
            assertThat(failingMail.to()).containsExactly("admin@penguinmails.local");
            assertThat(failingMail.body()).contains(brokenId).contains("5 attempts in a row").contains("HTTP 400");
            byte[] inspected = TestStack.client(TestStack.get().apiUrl()).get().uri("/inspector/mail").exchange()
                    .expectStatus().isOk().expectBody().returnResult().getResponseBody();
            assertThat(Json.mapper().readTree(inspected).valueStream().map(m -> m.get("subject").asString()))
                    .contains(failingMail.subject());
            JsonNode webhook = webhook(brokenId);
            assertThat(webhook.get("failing").asBoolean()).isTrue();
            assertThat(webhook.get("status").asString()).isEqualTo("active");

            // 95 more failures, 100 in a row: the webhook is paused
            Tour.publish(java.util.stream.IntStream.range(5, 100).mapToObj(HealthIntegrationTests::update).toList());
            JsonNode disabled = Json.mapper().readTree(operations.awaitRequests(2, Tour.WAIT).get(1).body());
            assertThat(disabled.get("type").asString()).isEqualTo("webhook.disabled");
            assertThat(disabled.get("data").get("reason").asString()).contains("100 consecutive failed attempts");
            Awaitility.await().atMost(Tour.WAIT).until(() -> webhook(brokenId).get("status").asString().equals("disabled"));
            assertThat(awaitMail("Webhook paused after 100 consecutive failures: " + broken.url("/broken")).body())
                    .contains("recorded as skipped");

            Tour.publish(update(100));
            Awaitility.await().atMost(Tour.WAIT).until(() -> Tour.deliveries(brokenId).valueStream()
                    .anyMatch(d -> d.get("status").asString().equals("skipped")));
            assertThat(broken.received()).hasSize(100);

            TestStack.api().post().uri("/api/v1/platform/webhooks/{id}/resume", brokenId).exchange().expectStatus().isOk();
            Tour.publish(update(101));
            broken.awaitRequests(101, Tour.WAIT);
            Awaitility.await().atMost(Tour.WAIT).until(() -> !webhook(brokenId).get("failing").asBoolean());
            assertThat(webhook(brokenId).get("consecutive_failures").asInt()).isZero();
            assertThat(operations.received()).hasSize(2);
        }
    }

    private static LocalMail.Message awaitMail(String subject) {
        return awaitOneMail(TestStack.get(), subject);
    }

    /** The one e-mail of this subject the stack's mail server received (one admin), waiting for it. */
    static LocalMail.Message awaitOneMail(LocalStack stack, String subject) {
        Awaitility.await().atMost(Tour.WAIT).until(() -> stack.mail().messages().stream().anyMatch(m -> subject.equals(m.subject())));
        List<LocalMail.Message> matching = stack.mail().messages().stream().filter(m -> subject.equals(m.subject())).toList();
        assertThat(matching).as("one e-mail per admin, never repeated").hasSize(1);
        return matching.getFirst();
    }

    private static Map<String, Object> update(int i) {
        return Map.of("type", "contact.updated", "data", Map.of("contact_id", "cont_h" + i, "changed_fields", List.of("tags")));
    }

    private static JsonNode webhook(String id) {
        return Json.mapper().readTree(TestStack.api().get().uri("/api/v1/platform/webhooks/{id}", id).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
    }
}
