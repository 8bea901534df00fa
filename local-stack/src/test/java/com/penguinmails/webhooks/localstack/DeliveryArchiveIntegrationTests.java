package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;

/**
 * "Clear Failed Log" (spec 004 delivery log bulk action): failed deliveries are archived, not deleted; the log and
 * "retry all failed" leave them out, {@code include_archived=true} lists them, and a retry of one brings it back.
 */
class DeliveryArchiveIntegrationTests {

    private static final String ARCHIVE = "/api/v1/platform/webhooks/{id}/deliveries/archive-failed";

    @Test
    void archivesFailedDeliveriesWhichLeaveTheLogUntilOneIsRetried() throws Exception {
        try (TestReceiver receiver = TestReceiver.start(500, 500)) {
            String id = Tour.createWebhook(Map.of("url", receiver.url("/archive"), "events", List.of("campaign.paused"),
                    "retries_enabled", false, "filters", Map.of("campaign_ids", List.of("camp_arch_1", "camp_arch_2")))).get("id").asString();
            Tour.publish(List.of(paused("camp_arch_1"), paused("camp_arch_2")));
            Awaitility.await().atMost(Tour.WAIT.toSeconds(), TimeUnit.SECONDS).until(() -> Tour.deliveries(id).valueStream()
                    .filter(d -> d.get("status").asString().equals("failed")).count() == 2);

            JsonNode archived = post(TestStack.api(), ARCHIVE, HttpStatus.OK, id);
            assertThat(archived.get("archived").asLong()).isEqualTo(2);
            assertThat(Tour.deliveries(id)).isEmpty();
            JsonNode all = list(id, "?include_archived=true");
            assertThat(all).hasSize(2);
            assertThat(all.valueStream().allMatch(d -> d.has("archived_at"))).isTrue();
            // already archived: nothing more; and "retry all failed" leaves archived ones alone
            assertThat(post(TestStack.api(), ARCHIVE, HttpStatus.OK, id).get("archived").asLong()).isZero();
            assertThat(post(TestStack.api(), "/api/v1/platform/webhooks/{id}/deliveries/retry-failed", HttpStatus.ACCEPTED, id)
                    .get("queued").asLong()).isZero();

            // retrying one by hand brings it back into the log, where it is delivered
            String deliveryId = all.get(0).get("id").asString();
            post(TestStack.api(), "/api/v1/platform/webhooks/{id}/deliveries/{d}/retry", HttpStatus.ACCEPTED, id, deliveryId);
            JsonNode back = Tour.awaitDelivery(id, "delivered");
            assertThat(back.get("id").asString()).isEqualTo(deliveryId);
            assertThat(back.has("archived_at")).isFalse();
            assertThat(receiver.received()).hasSize(3);
        }
    }

    @Test
    void aDeveloperKeyMayArchiveWhileAnotherWorkspacesOrAnUnknownWebhookIsNotFound() {
        String workspace = "ws_archive_" + UUID.randomUUID().toString().substring(0, 8);
        WebTestClient admin = client(TestStack.newApiKey(workspace, "admin"));
        String id = Json.mapper().readTree(admin.post().uri("/api/v1/platform/webhooks")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Archived", "url", "https://example.com/archive", "events", List.of("email.sent")))
                .exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody()).get("id").asString();

        assertThat(post(client(TestStack.newApiKey(workspace, "developer")), ARCHIVE, HttpStatus.OK, id).get("archived").asLong()).isZero();

        WebTestClient other = client(TestStack.newApiKey("ws_archive_other_" + UUID.randomUUID().toString().substring(0, 8)));
        JsonNode notFound = post(other, ARCHIVE, HttpStatus.NOT_FOUND, id);
        assertThat(notFound.get("status").asInt()).isEqualTo(404);
        assertThat(notFound.get("detail").asString()).contains(id);
        post(admin, ARCHIVE, HttpStatus.NOT_FOUND, "wh_does_not_exist");
    }

    @Test
    void refusesAnIncludeArchivedThatIsNeitherTrueNorFalse() {
        String id = Tour.createWebhook(Map.of("url", "https://example.com/archive-flag", "events", List.of("email.sent"))).get("id").asString();
        JsonNode refused = Json.mapper().readTree(TestStack.api().get().uri("/api/v1/platform/webhooks/{id}/deliveries?include_archived=yes", id)
                .exchange().expectStatus().isBadRequest().expectBody().returnResult().getResponseBody());
        assertThat(refused.get("errors").get(0).get("field").asString()).isEqualTo("include_archived");
    }

    private static JsonNode list(String id, String query) {
        return Json.mapper().readTree(TestStack.api().get().uri("/api/v1/platform/webhooks/{id}/deliveries" + query, id).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody()).get("data");
    }

    private static JsonNode post(WebTestClient client, String uri, HttpStatus expected, Object... variables) {
        byte[] answer = client.post().uri(uri, variables).exchange().expectStatus().isEqualTo(expected)
                .expectBody().returnResult().getResponseBody();
        return Json.mapper().readTree(answer);
    }

    private static WebTestClient client(String key) {
        return WebTestClient.bindToServer().baseUrl(TestStack.get().apiUrl()).responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + key).build();
    }

    private static Map<String, Object> paused(String campaign) {
        return Map.of("type", "campaign.paused", "data", Map.of("campaign_id", campaign, "paused_at", "2026-11-24T10:00:00Z"));
    }
}
