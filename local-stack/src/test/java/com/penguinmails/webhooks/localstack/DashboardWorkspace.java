package com.penguinmails.webhooks.localstack;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.springframework.http.MediaType;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;

/**
 * A workspace of its own for a dashboard test, so that its pages show only what the test made: an admin and a
 * developer who can sign in (password hashes as the dashboard stores them), an admin API key for set-up through the
 * API, and a key event-ingest knows, to publish events with.
 */
record DashboardWorkspace(String id, String adminEmail, String developerEmail, String password, String adminKey, String ingestKey) {

    static DashboardWorkspace create() {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String id = "ws_dash_" + suffix;
        String adminKey = TestStack.newApiKey(id);
        String password = "pw-" + UUID.randomUUID();
        String admin = "admin-" + suffix + "@example.com";
        String developer = "dev-" + suffix + "@example.com";
        addUser(id, admin, "Ada Admin", "admin", password);
        addUser(id, developer, "Dev Eloper", "developer", password);
        JsonNode key = Json.mapper().readTree(api(adminKey).post().uri("/api/v1/platform/api-keys").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "ingest", "role", "developer")).exchange().expectStatus().isCreated()
                .expectBody().returnResult().getResponseBody());
        String ingestKey = key.get("key").asString();
        // event-ingest learns of new keys through Kafka: wait until it takes this one (an event no webhook receives)
        Awaitility.await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(300)).until(() ->
                ingest(ingestKey).post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("type", "contact.created", "data", Map.of("contact_id", "cont_probe", "email", "probe@example.com")))
                        .exchange().returnResult(byte[].class).getStatus().value() == 202);
        return new DashboardWorkspace(id, admin, developer, password, adminKey, ingestKey);
    }

    /** A user who can sign in, stored as the dashboard stores one: a {bcrypt} hash. */
    static void addUser(String workspaceId, String email, String name, String role, String password) {
        String hash = PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(password);
        try (var db = TestStack.database();
             var insert = db.prepareStatement("insert into users (id, workspace_id, email, name, role, password_hash) values (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, "usr_" + UUID.randomUUID());
            insert.setString(2, workspaceId);
            insert.setString(3, email);
            insert.setString(4, name);
            insert.setString(5, role);
            insert.setString(6, hash);
            insert.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The management API as this workspace's admin key. */
    WebTestClient api() {
        return api(adminKey);
    }

    private static WebTestClient api(String adminKey) {
        return WebTestClient.bindToServer().baseUrl(TestStack.get().apiUrl()).responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + adminKey).build();
    }

    /** Creates a webhook through the API and returns its answer, secret included. */
    JsonNode createWebhook(Map<String, Object> body) {
        return Json.mapper().readTree(api().post().uri("/api/v1/platform/webhooks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody());
    }

    /** Publishes events to event-ingest as this workspace. */
    void publish(Object events) {
        ingest(ingestKey).post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON).bodyValue(events)
                .exchange().expectStatus().isAccepted();
    }

    private static WebTestClient ingest(String key) {
        return WebTestClient.bindToServer().baseUrl(TestStack.get().ingestUrl()).responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + key).build();
    }
}
