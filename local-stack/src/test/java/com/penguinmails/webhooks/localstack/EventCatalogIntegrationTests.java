package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

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

    @Test
    void bothCatalogsAndTheReferencePageShowSpec003sTransactionalExampleForTheTypesItNames() {
        JsonNode management = Json.mapper().readTree(WebTestClient.bindToServer().responseTimeout(Tour.WAIT).baseUrl(TestStack.get().apiUrl()).build()
                .get().uri("/api/v1/platform/webhooks/events").exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
        JsonNode ingest = Json.mapper().readTree(WebTestClient.bindToServer().responseTimeout(Tour.WAIT).baseUrl(TestStack.get().ingestUrl()).build()
                .get().uri("/api/v1/events/types").exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
        for (JsonNode catalog : List.of(management, ingest)) {
            assertThat(catalog.get("data").valueStream().filter(t -> t.has("transactional_example")).map(t -> t.get("type").asString()))
                    .containsExactlyInAnyOrder("email.sent", "email.sending", "email.delivered", "email.bounced", "email.spam_reported",
                            "email.opened", "email.clicked");
            JsonNode delivered = catalog.get("data").valueStream().filter(t -> t.get("type").asString().equals("email.delivered")).findFirst().orElseThrow();
            assertThat(delivered.get("transactional_example").get("data"))
                    .isEqualTo(Json.mapper().readTree(EventType.EMAIL_DELIVERED.transactionalExampleJson().orElseThrow()).get("data"));
            assertThat(delivered.get("transactional_example").get("data").get("to").asString()).isEqualTo("recipient@example.com");
            assertThat(delivered.get("example").get("data").has("contact")).isTrue();
        }

        DashboardWorkspace workspace = DashboardWorkspace.create();
        WebTestClient http = WebTestClient.bindToServer().responseTimeout(Tour.WAIT).baseUrl(TestStack.get().apiUrl()).build();
        String session = DashboardHttp.signIn(http, workspace.developerEmail(), workspace.password())
                .getResponseCookies().getFirst(DashboardHttp.COOKIE).getValue();
        String page = new String(http.get().uri("/dashboard/settings/webhooks/events").cookie(DashboardHttp.COOKIE, session).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8);
        assertThat(page).contains("id=\"transactional-example-email.delivered\"", "id=\"transactional-example-email.bounced\"")
                .contains("&quot;bounce_message&quot; : &quot;User unknown&quot;")
                .doesNotContain("id=\"transactional-example-contact.created\"");
    }
}
