package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;

/** The event reference (spec 004 {@code /events} page) through the API, without a key. */
class EventCatalogIntegrationTests {

    @Test
    void listsEveryTypeWithItsSchemaExampleAndShortNameIncludingTheSystemEvents() {
        byte[] answer = WebTestClient.bindToServer().responseTimeout(Tour.WAIT).baseUrl(TestStack.get().apiUrl()).build()
                .get().uri("/api/v1/platform/webhooks/events").exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        JsonNode catalog = Json.mapper().readTree(answer);
        assertThat(catalog.get("data").valueStream().map(t -> t.get("type").asString()))
                .containsExactlyElementsOf(EventType.names())
                .contains("webhook.failing", "webhook.disabled");
        JsonNode spam = catalog.get("data").valueStream().filter(t -> t.get("type").asString().equals("email.spam_reported")).findFirst().orElseThrow();
        assertThat(spam.get("short_name").asString()).isEqualTo("complained");
        assertThat(spam.get("category").asString()).isEqualTo("email");
        assertThat(spam.get("schema").get("type").asString()).isEqualTo("object");
        assertThat(spam.get("example").get("type").asString()).isEqualTo("email.spam_reported");
        assertThat(catalog.get("categories").valueStream().map(c -> c.get("wildcard").asString()))
                .containsExactly("email.*", "campaign.*", "contact.*", "system.*");
    }
}
