package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;

/**
 * Who created a webhook (spec 004 details page, "Created: ... by ..."): recorded as the API key for the platform and
 * the {@code /v1} API, shown as {@code created_by} by the platform API only; the {@code /v1} shapes stay spec 003's.
 */
class WebhookCreatedByIntegrationTests {

    @Test
    void aWebhookCreatedThroughThePlatformApiNamesItsApiKey() {
        String key = TestStack.newApiKey("ws_created_by_" + UUID.randomUUID().toString().substring(0, 8));
        JsonNode created = json(api(key).post().uri("/api/v1/platform/webhooks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Created by", "url", "https://example.com/created-by", "events", List.of("email.sent"))).exchange()
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody());
        String expected = "API key Test key (" + key.substring(0, 8) + "…)";
        assertThat(created.get("created_by").asString()).isEqualTo(expected);

        JsonNode fetched = json(api(key).get().uri("/api/v1/platform/webhooks/{id}", created.get("id").asString()).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
        assertThat(fetched.get("created_by").asString()).isEqualTo(expected);
        // an edit keeps who created it
        JsonNode patched = json(api(key).patch().uri("/api/v1/platform/webhooks/{id}", created.get("id").asString())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("name", "Renamed")).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
        assertThat(patched.get("created_by").asString()).isEqualTo(expected);
    }

    @Test
    void aV1WebhookRecordsItsKeyButTheV1AnswersKeepSpec003sShape() {
        String key = TestStack.newApiKey("ws_created_by_v1_" + UUID.randomUUID().toString().substring(0, 8));
        JsonNode created = json(api(key).post().uri("/v1/webhooks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", "https://example.com/v1-created-by", "events", List.of("opened"))).exchange()
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody());
        String id = created.get("id").asString();
        assertThat(created.has("created_by")).isFalse();
        JsonNode v1 = json(api(key).get().uri("/v1/webhooks/{id}", id).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
        assertThat(v1.has("created_by")).isFalse();

        JsonNode platform = json(api(key).get().uri("/api/v1/platform/webhooks/{id}", id).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
        assertThat(platform.get("created_by").asString()).isEqualTo("API key Test key (" + key.substring(0, 8) + "…)");
    }

    @Test
    void aWebhookFromBeforeTheColumnShowsNoCreator() throws Exception {
        String key = TestStack.newApiKey("ws_created_by_old_" + UUID.randomUUID().toString().substring(0, 8));
        String id = json(api(key).post().uri("/api/v1/platform/webhooks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Old", "url", "https://example.com/old", "events", List.of("email.sent"))).exchange()
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody()).get("id").asString();
        try (var db = TestStack.database(); var update = db.prepareStatement("update webhooks set created_by = null where id = ?")) {
            update.setString(1, id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        JsonNode fetched = json(api(key).get().uri("/api/v1/platform/webhooks/{id}", id).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
        assertThat(fetched.has("created_by")).isFalse();
        assertThat(fetched.has("created_at")).isTrue();
    }

    private static WebTestClient api(String key) {
        return WebTestClient.bindToServer().baseUrl(TestStack.get().apiUrl()).responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + key).build();
    }

    private static JsonNode json(byte[] body) {
        return Json.mapper().readTree(body);
    }
}
