package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.penguinmails.webhooks.model.ApiKeys;
import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;

/** The webhook API: create, list, get, and every way a create can be refused. */
class WebhookApiIntegrationTests {

    @Test
    void createsListsAndGetsAWebhookShowingTheSecretOnlyOnce() {
        JsonNode created = Tour.createWebhook(Map.of("name", "CRM Contact Sync", "description", "sync",
                // an event type no other test publishes: this webhook's host does not resolve here, and every attempt
                // would wait out a DNS timeout in the shared stack
                "url", "https://crm.example.com/hooks/penguin", "events", List.of("email.spam_reported"),
                "timeout_seconds", 10, "max_retries", 3));
        String id = created.get("id").asString();
        assertThat(id).startsWith("wh_");
        assertThat(created.get("secret").asString()).startsWith("whsec_");
        assertThat(created.get("status").asString()).isEqualTo("active");
        assertThat(created.get("timeout_seconds").asInt()).isEqualTo(10);
        assertThat(created.get("max_retries").asInt()).isEqualTo(3);

        JsonNode fetched = read(TestStack.api().get().uri("/api/v1/platform/webhooks/{id}", id), HttpStatus.OK);
        assertThat(fetched.get("name").asString()).isEqualTo("CRM Contact Sync");
        assertThat(fetched.has("secret")).isFalse();
        JsonNode list = read(TestStack.api().get().uri("/api/v1/platform/webhooks"), HttpStatus.OK).get("data");
        assertThat(list.valueStream().map(w -> w.get("id").asString())).contains(id);
        assertThat(list.valueStream().filter(w -> w.has("secret"))).isEmpty();
    }

    @Test
    void storesTheSecretEncryptedAndTheApiKeyHashed() throws Exception {
        JsonNode created = Tour.createWebhook(Map.of("url", "https://example.com/h", "events", List.of("email.opened"),
                "status", "paused"));
        String secret = created.get("secret").asString();
        String jdbc = "jdbc:postgresql://127.0.0.1:" + TestStack.get().options().postgresPort() + "/postgres";
        try (Connection db = DriverManager.getConnection(jdbc, "postgres", "")) {
            List<String> stored = column(db, "select encrypted_secret from webhook_secrets where webhook_id = '" + created.get("id").asString() + "'");
            assertThat(stored).hasSize(1);
            assertThat(stored.getFirst()).doesNotContain(secret).doesNotContain(secret.substring("whsec_".length()));
            List<String> hashes = column(db, "select key_hash from api_keys");
            assertThat(hashes).contains(ApiKeys.hash(TestStack.get().apiKey())).doesNotContain(TestStack.get().apiKey());
        }
    }

    @Test
    void refusesBadWebhooksWithTheFieldAndAReadableReason() {
        assertRefused(Map.of("url", "not a url", "events", List.of("email.opened")), "url", "Invalid URL");
        assertRefused(Map.of("url", "ftp://example.com/x", "events", List.of("email.opened")), "url", "Invalid URL");
        assertRefused(Map.of("url", "http://example.com/x", "events", List.of("email.opened")), "url", "HTTPS");
        assertRefused(Map.of("events", List.of("email.opened")), "url", "URL is required");
        assertRefused(Map.of("url", "https://example.com/x", "events", List.of()), "events", "Select at least one event");
        assertRefused(Map.of("url", "https://example.com/x"), "events", "Select at least one event");
        assertRefused(Map.of("url", "https://example.com/x", "events", List.of("email.opened", "email.teleported")),
                "events[1]", "Unknown event type 'email.teleported'");
        assertRefused(Map.of("url", "https://example.com/x", "events", List.of("email.opened"), "timeout_seconds", 31),
                "timeout_seconds", "between 1 and 30");
        assertRefused(Map.of("url", "https://example.com/x", "events", List.of("email.opened"), "max_retries", 0),
                "max_retries", "between 1 and 10");
        assertRefused(Map.of("url", "https://example.com/x", "events", List.of("email.opened")), "name", "Name is required");
        assertRefused(Map.of("name", "  ", "url", "https://example.com/x", "events", List.of("email.opened")), "name", "Name is required");
        assertRefused(Map.of("name", "n".repeat(256), "url", "https://example.com/x", "events", List.of("email.opened")),
                "name", "Name must be at most 255 characters.");
        assertRefused(Map.of("name", "a\u0000b", "url", "https://example.com/x", "events", List.of("email.opened")),
                "name", "Name must not contain a NUL character.");
        assertRefused(Map.of("description", "a\u0000b", "url", "https://example.com/x", "events", List.of("email.opened")),
                "description", "Description must not contain a NUL character.");
        assertRefused(Map.of("url", "https://example.com/x", "events", List.of("email.opened"),
                "filters", Map.of("payload", Map.of("campaign_id", "a\u0000b"))), "filters", "Filters must not contain a NUL character.");
        assertRefused(Map.of("url", "https://example.com/" + "x".repeat(2048), "events", List.of("email.opened")),
                "url", "URL must be at most 2048 characters.");
        assertRefused(Map.of("url", "https://user:secret@example.com/x", "events", List.of("email.opened")), "url", "Invalid URL");
        assertRefused(Map.of("url", "https://example.com/x", "events", List.of("email.opened"), "timeout_seconds", 0),
                "timeout_seconds", "Response timeout must be between 1 and 30 seconds.");
        assertRefused(Map.of("url", "https://example.com/x", "events", List.of("email.opened"), "retries_enabled", "sometimes"),
                "retries_enabled", "");
        assertRefused(Map.of("url", "https://example.com/x", "events", List.of("email.opened"), "headers", Map.of("X-Empty", "")),
                "headers.X-Empty", "Header values are 1 to 1024 characters.");
        assertRefused(Map.of("url", "https://example.com/x", "events", List.of("email.opened"), "max_retries", 11),
                "max_retries", "between 1 and 10");
        assertRefused(Map.of("url", "https://example.com/x", "events", List.of("email.opened"), "status", "maybe"),
                "status", "'active' or 'paused'");
        assertRefused(Map.of("url", "https://example.com/x", "events", List.of("email.opened"), "headers", Map.of("Content-Type", "text/plain")),
                "headers.Content-Type", "Header 'Content-Type' cannot be set");
        assertRefused(Map.of("url", "https://example.com/x", "events", List.of("email.opened"), "headers", Map.of("X-PenguinMails-Signature", "x")),
                "headers.X-PenguinMails-Signature", "reserved for signing");
        assertRefused(Map.of("url", "https://example.com/x", "events", List.of("email.opened"), "headers", Map.of("X-A", "a\r\nX-B: b")),
                "headers.X-A", "no line breaks");
        assertRefused(Map.of("url", "https://example.com/x", "events", List.of("email.opened"), "headers", Map.of("X Bad", "v")),
                "headers.X Bad", "Header names are 1 to 64");
    }

    @Test
    void allowsPlainHttpToLocalhostInTheLocalStackOnly() {
        JsonNode created = Tour.createWebhook(Map.of("url", "http://localhost:9/h", "events", List.of("email.opened"),
                "status", "paused"));
        assertThat(created.get("url").asString()).isEqualTo("http://localhost:9/h");
    }

    @Test
    void refusesMalformedJsonUnknownWebhooksAndMissingKeys() {
        JsonNode problem = read(TestStack.api().post().uri("/api/v1/platform/webhooks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"url\": "), HttpStatus.BAD_REQUEST);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("body");
        JsonNode wrongType = read(TestStack.api().post().uri("/api/v1/platform/webhooks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"url\": \"https://example.com/x\", \"events\": [\"email.opened\"], \"headers\": [\"X-A\"]}"), HttpStatus.BAD_REQUEST);
        assertThat(wrongType.get("errors").get(0).get("field").asString()).isEqualTo("headers");
        read(TestStack.api().get().uri("/api/v1/platform/webhooks/wh_missing"), HttpStatus.NOT_FOUND);
        read(TestStack.api().get().uri("/api/v1/platform/webhooks/wh_missing/deliveries"), HttpStatus.NOT_FOUND);
        WebTestClient anonymous = WebTestClient.bindToServer().responseTimeout(Tour.WAIT).baseUrl(TestStack.get().apiUrl()).build();
        read(anonymous.get().uri("/api/v1/platform/webhooks"), HttpStatus.UNAUTHORIZED);
        read(anonymous.get().uri("/api/v1/platform/webhooks").header("Authorization", "Bearer pm_wrong"), HttpStatus.UNAUTHORIZED);
    }

    private static void assertRefused(Map<String, Object> body, String field, String reasonPart) {
        JsonNode problem = read(TestStack.api().post().uri("/api/v1/platform/webhooks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body), HttpStatus.BAD_REQUEST);
        assertThat(problem.get("errors").valueStream()
                .filter(e -> e.get("field").asString().equals(field))
                .map(e -> e.get("reason").asString()))
                .as("errors of %s", body).anySatisfy(reason -> assertThat(reason).contains(reasonPart));
    }

    private static JsonNode read(WebTestClient.RequestHeadersSpec<?> request, HttpStatus expected) {
        byte[] answer = request.exchange().expectStatus().isEqualTo(expected)
                .expectHeader().contentTypeCompatibleWith(expected.is2xxSuccessful() ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult().getResponseBody();
        return Json.mapper().readTree(answer);
    }

    private static List<String> column(Connection db, String sql) throws Exception {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = db.createStatement().executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
