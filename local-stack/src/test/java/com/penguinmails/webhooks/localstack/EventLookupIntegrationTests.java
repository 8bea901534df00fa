package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/v1/platform/events/{id}}: a stored event of the key's workspace, what "View Event" shows. */
class EventLookupIntegrationTests {

    @Test
    void answersAStoredEventOfTheWorkspaceAndNotFoundForAnotherOrAnUnknownOne() {
        String id = Tour.publish(Map.of("type", "campaign.paused", "data", Map.of("campaign_id", "camp_lookup", "paused_at", "2026-11-24T10:00:00Z")))
                .getFirst();
        // the event store takes it from Kafka a moment later
        Awaitility.await().atMost(Tour.WAIT.toSeconds(), TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200)).until(() ->
                TestStack.api().get().uri("/api/v1/platform/events/{id}", id).exchange().returnResult(byte[].class).getStatus().value() == 200);
        JsonNode event = Json.mapper().readTree(TestStack.api().get().uri("/api/v1/platform/events/{id}", id).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
        assertThat(event.get("id").asString()).isEqualTo(id);
        assertThat(event.get("type").asString()).isEqualTo("campaign.paused");
        assertThat(event.get("data").get("campaign_id").asString()).isEqualTo("camp_lookup");
        assertThat(event.has("created_at")).isTrue();
        assertThat(event.has("stored_at")).isTrue();

        WebTestClient other = WebTestClient.bindToServer().baseUrl(TestStack.get().apiUrl()).responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + TestStack.newApiKey("ws_lookup_" + UUID.randomUUID().toString().substring(0, 8), "developer"))
                .build();
        other.get().uri("/api/v1/platform/events/{id}", id).exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.detail").isEqualTo("Event " + id + " was not found in this workspace.");
        TestStack.api().get().uri("/api/v1/platform/events/{id}", "evt_unknown").exchange().expectStatus().isNotFound();
    }
}
