package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.penguinmails.webhooks.model.ApiKeys;
import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;

/**
 * The API keys endpoints and the two roles, against the real stack. Every test works in a workspace of its own, with
 * an admin (or developer) key written to the database as an operator would; keys made through the API are the ones
 * event-ingest learns of, through {@code webhooks.apikeys}.
 */
class ApiKeyIntegrationTests {

    private static final String KEYS = "/api/v1/platform/api-keys";
    /** How long event-ingest may take to read a key's record (or tombstone) after the API answered. */
    private static final Duration INGEST_CATCH_UP = Duration.ofSeconds(10);
    private static final String EVENT = "{\"type\":\"email.sending\",\"data\":{\"email_id\":\"msg_keys\"}}";

    @Test
    void aCreatedKeyIsShownOnceStoredHashedAndWorksOnTheApiAndOnIngest() throws Exception {
        String workspace = workspace();
        WebTestClient admin = as(TestStack.newApiKey(workspace));

        JsonNode created = json(admin.post().uri(KEYS).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"  CI pipeline  \", \"role\": \"developer\"}").exchange()
                .expectStatus().isCreated().expectBody().returnResult());

        String key = created.get("key").asString();
        assertThat(key).startsWith("pm_");
        assertThat(created.get("id").asString()).startsWith("key_");
        assertThat(created.get("name").asString()).isEqualTo("CI pipeline");
        assertThat(created.get("role").asString()).isEqualTo("developer");
        assertThat(created.get("prefix").asString()).isEqualTo(key.substring(0, 8));
        assertThat(created.get("created_at").asString()).isNotBlank();
        assertThat(created.has("key_hash")).isFalse();
        // only the hash is kept: no column of any key row holds the key itself
        try (Connection db = TestStack.database();
             var query = db.prepareStatement("select count(*) from api_keys k where k::text like ?")) {
            query.setString(1, "%" + key + "%");
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                assertThat(rows.getInt(1)).isZero();
            }
        }
        assertThat(idOf(key)).isEqualTo(created.get("id").asString());

        JsonNode workspaceSeen = json(as(key).get().uri("/api/v1/platform/workspace").exchange().expectStatus().isOk()
                .expectBody().returnResult());
        assertThat(workspaceSeen.get("id").asString()).isEqualTo(workspace);
        awaitIngestStatus(key, 202);
    }

    @Test
    void aKeyIsADeveloperKeyUnlessAskedOtherwise() {
        WebTestClient admin = as(TestStack.newApiKey(workspace()));
        JsonNode developer = create(admin, "{\"name\": \"Reporting\"}");
        assertThat(developer.get("role").asString()).isEqualTo("developer");
        as(developer.get("key").asString()).get().uri(KEYS).exchange().expectStatus().isForbidden();

        JsonNode second = create(admin, "{\"name\": \"Second admin\", \"role\": \"admin\"}");
        assertThat(second.get("role").asString()).isEqualTo("admin");
        as(second.get("key").asString()).get().uri(KEYS).exchange().expectStatus().isOk();
    }

    @Test
    void theListShowsPrefixesRolesAndTimesButNeverAKeyOrItsHash() {
        String workspace = workspace();
        String adminKey = TestStack.newApiKey(workspace);
        WebTestClient admin = as(adminKey);
        JsonNode created = create(admin, "{\"name\": \"Listed\"}");
        String key = created.get("key").asString();

        EntityExchangeResult<byte[]> answer = admin.get().uri(KEYS).exchange().expectStatus().isOk().expectBody().returnResult();
        String body = new String(answer.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(body).doesNotContain(key).doesNotContain(ApiKeys.hash(key))
                .doesNotContain(adminKey).doesNotContain(ApiKeys.hash(adminKey));
        JsonNode list = Json.mapper().readTree(answer.getResponseBody());
        assertThat(list.get("has_more").asBoolean()).isFalse();
        JsonNode data = list.get("data");
        assertThat(data.size()).isEqualTo(2);
        // newest first: the key just made, then the workspace's admin key
        JsonNode listed = data.get(0);
        assertThat(listed.get("id").asString()).isEqualTo(created.get("id").asString());
        assertThat(listed.get("name").asString()).isEqualTo("Listed");
        assertThat(listed.get("prefix").asString()).isEqualTo(key.substring(0, 8));
        assertThat(listed.get("role").asString()).isEqualTo("developer");
        assertThat(listed.get("created_at").asString()).isEqualTo(created.get("created_at").asString());
        assertThat(listed.has("last_used_at")).isTrue();
        assertThat(listed.get("last_used_at").isNull()).isTrue();
        assertThat(listed.get("revoked_at").isNull()).isTrue();
        assertThat(listed.has("key")).isFalse();
        assertThat(data.get(1).get("prefix").asString()).isEqualTo(adminKey.substring(0, 8));
        assertThat(data.get(1).get("role").asString()).isEqualTo("admin");

        JsonNode one = json(admin.get().uri(KEYS + "/{id}", created.get("id").asString()).exchange().expectStatus().isOk()
                .expectBody().returnResult());
        assertThat(one.get("prefix").asString()).isEqualTo(key.substring(0, 8));
        assertThat(one.has("key")).isFalse();
    }

    @Test
    void lastUsedAtIsSetWhenAKeyAuthenticates() {
        WebTestClient admin = as(TestStack.newApiKey(workspace()));
        JsonNode created = create(admin, "{\"name\": \"Used later\"}");
        String id = created.get("id").asString();
        assertThat(keyView(admin, id).get("last_used_at").isNull()).isTrue();

        Instant before = Instant.now();
        as(created.get("key").asString()).get().uri("/api/v1/platform/workspace").exchange().expectStatus().isOk();
        Instant after = Instant.now();

        // written in the background: the request does not wait for it
        Awaitility.await().atMost(10, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100))
                .until(() -> !keyView(admin, id).get("last_used_at").isNull());
        Instant lastUsed = Instant.parse(keyView(admin, id).get("last_used_at").asString());
        assertThat(lastUsed).isBetween(before.minusSeconds(1), after.plusSeconds(1));
    }

    @Test
    void aRevokedKeyIsRefusedByTheApiAndByIngest() {
        WebTestClient admin = as(TestStack.newApiKey(workspace()));
        JsonNode created = create(admin, "{\"name\": \"Short-lived\", \"role\": \"admin\"}");
        String key = created.get("key").asString();
        String id = created.get("id").asString();
        as(key).get().uri("/api/v1/platform/workspace").exchange().expectStatus().isOk();
        awaitIngestStatus(key, 202);

        admin.delete().uri(KEYS + "/{id}", id).exchange().expectStatus().isNoContent();

        JsonNode refused = json(as(key).get().uri("/api/v1/platform/workspace").exchange().expectStatus().isUnauthorized()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON).expectBody().returnResult());
        assertThat(refused.get("title").asString()).isEqualTo("Unauthorized");
        awaitIngestStatus(key, 401);
        JsonNode revoked = keyView(admin, id);
        assertThat(revoked.get("revoked_at").isNull()).isFalse();
        // revoking again changes nothing
        admin.delete().uri(KEYS + "/{id}", id).exchange().expectStatus().isNoContent();
        assertThat(keyView(admin, id).get("revoked_at").asString()).isEqualTo(revoked.get("revoked_at").asString());
    }

    @Test
    void anotherWorkspacesKeyIsNotFoundAndStaysUntouched() {
        WebTestClient ours = as(TestStack.newApiKey(workspace()));
        WebTestClient theirs = as(TestStack.newApiKey(workspace()));
        JsonNode their = create(theirs, "{\"name\": \"Theirs\"}");
        String theirId = their.get("id").asString();

        for (String id : List.of(theirId, "key_does_not_exist")) {
            JsonNode notFound = json(ours.get().uri(KEYS + "/{id}", id).exchange().expectStatus().isNotFound()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON).expectBody().returnResult());
            assertThat(notFound.get("title").asString()).isEqualTo("Not found");
            assertThat(notFound.get("detail").asString()).isEqualTo("API key " + id + " was not found in this workspace.");
            assertThat(notFound.has("name")).isFalse();
            ours.delete().uri(KEYS + "/{id}", id).exchange().expectStatus().isNotFound()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        JsonNode ourList = json(ours.get().uri(KEYS).exchange().expectStatus().isOk().expectBody().returnResult());
        assertThat(ourList.get("data").valueStream().map(k -> k.get("id").asString())).doesNotContain(theirId);
        assertThat(keyView(theirs, theirId).get("revoked_at").isNull()).isTrue();
        as(their.get("key").asString()).get().uri("/api/v1/platform/workspace").exchange().expectStatus().isOk();
    }

    @Test
    void everyInvalidCreateIsRefusedWithItsFieldAndReasonAndCreatesNothing() {
        WebTestClient admin = as(TestStack.newApiKey(workspace()));
        Map<String, List<String>> cases = new java.util.LinkedHashMap<>();
        cases.put("{}", List.of("name", "Name is required."));
        cases.put("{\"name\": null, \"role\": \"admin\"}", List.of("name", "Name is required."));
        cases.put("{\"name\": \"\"}", List.of("name", "Name must not be blank."));
        cases.put("{\"name\": \"  \\t \"}", List.of("name", "Name must not be blank."));
        cases.put("{\"name\": \"" + "n".repeat(101) + "\"}", List.of("name", "Name must be at most 100 characters."));
        cases.put("{\"name\": \"a\\u0000b\"}", List.of("name", "Name must not contain a NUL character."));
        cases.put("{\"name\": \"Ops\", \"role\": \"owner\"}", List.of("role", "Role must be 'admin' or 'developer'."));
        cases.put("{\"name\": \"Ops\", \"role\": \"\"}", List.of("role", "Role must be 'admin' or 'developer'."));
        cases.put("{\"name\": \"Ops\", \"role\": \"Admin\"}", List.of("role", "Role must be 'admin' or 'developer'."));
        cases.forEach((body, error) -> {
            JsonNode problem = invalid(admin.post().uri(KEYS).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange());
            assertThat(problem.get("detail").asString()).as(body).isEqualTo(error.get(1));
            assertThat(problem.get("errors").size()).as(body).isEqualTo(1);
            assertThat(problem.get("errors").get(0).get("field").asString()).as(body).isEqualTo(error.get(0));
            assertThat(problem.get("errors").get(0).get("reason").asString()).as(body).isEqualTo(error.get(1));
        });

        JsonNode both = invalid(admin.post().uri(KEYS).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"" + "n".repeat(101) + "\", \"role\": \"root\"}").exchange());
        assertThat(both.get("detail").asString()).isEqualTo("The request has 2 invalid fields.");
        assertThat(both.get("errors").valueStream().map(e -> e.get("field").asString())).containsExactly("name", "role");

        JsonNode missing = invalid(admin.post().uri(KEYS).contentType(MediaType.APPLICATION_JSON).exchange());
        assertThat(missing.get("errors").get(0).get("field").asString()).isEqualTo("body");
        assertThat(missing.get("errors").get(0).get("reason").asString()).isEqualTo("A JSON body with at least 'name' is required.");

        JsonNode malformed = invalid(admin.post().uri(KEYS).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": ").exchange());
        assertThat(malformed.get("detail").asString()).isEqualTo("The request body could not be read as JSON.");
        assertThat(malformed.get("errors").get(0).get("field").asString()).isEqualTo("body");

        JsonNode notJson = json(admin.post().uri(KEYS).contentType(MediaType.TEXT_PLAIN).bodyValue("name=Ops").exchange()
                .expectStatus().isEqualTo(415).expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult());
        assertThat(notJson.get("title").asString()).isEqualTo("Unsupported Media Type");
        assertThat(notJson.get("detail").asString()).contains("text/plain");

        // only the admin key, none of the refused ones; and the longest name allowed is taken
        assertThat(json(admin.get().uri(KEYS).exchange().expectBody().returnResult()).get("data").size()).isEqualTo(1);
        assertThat(create(admin, "{\"name\": \"" + "n".repeat(100) + "\"}").get("name").asString()).hasSize(100);
    }

    @Test
    void aDeveloperKeyIsForbiddenEveryKeysEndpointWithTheRoleItNeeds() {
        String workspace = workspace();
        WebTestClient admin = as(TestStack.newApiKey(workspace));
        WebTestClient developer = as(TestStack.newApiKey(workspace, "developer"));
        String target = create(admin, "{\"name\": \"Target\"}").get("id").asString();

        forbidden(developer.post().uri(KEYS).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": \"Mine\", \"role\": \"admin\"}").exchange(),
                "create API keys");
        // the role is checked first: an invalid body tells a developer nothing either
        forbidden(developer.post().uri(KEYS).contentType(MediaType.APPLICATION_JSON).bodyValue("{\"name\": ").exchange(), "create API keys");
        forbidden(developer.get().uri(KEYS).exchange(), "list API keys");
        forbidden(developer.get().uri(KEYS + "/{id}", target).exchange(), "read API keys");
        forbidden(developer.delete().uri(KEYS + "/{id}", target).exchange(), "revoke API keys");

        assertThat(keyView(admin, target).get("revoked_at").isNull()).isTrue();
        assertThat(json(admin.get().uri(KEYS).exchange().expectBody().returnResult()).get("data").size()).isEqualTo(3);
    }

    @Test
    void aDeveloperMayCreateChangeAndPauseWebhooksButNotDeleteThem() {
        String workspace = workspace();
        WebTestClient admin = as(TestStack.newApiKey(workspace));
        WebTestClient developer = as(TestStack.newApiKey(workspace, "developer"));

        JsonNode webhook = json(developer.post().uri("/api/v1/platform/webhooks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Developer's", "url", TestStack.get().apiUrl() + "/inspector/keys-developer", "events", List.of("email.opened")))
                .exchange().expectStatus().isCreated().expectBody().returnResult());
        String id = webhook.get("id").asString();
        developer.patch().uri("/api/v1/platform/webhooks/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"timeout_seconds\": 10}").exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.timeout_seconds").isEqualTo(10);
        developer.put().uri("/api/v1/platform/webhooks/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Developer's", "url", TestStack.get().apiUrl() + "/inspector/keys-developer-2", "events", List.of("email.clicked")))
                .exchange().expectStatus().isOk();
        developer.post().uri("/api/v1/platform/webhooks/{id}/pause", id).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("paused");
        developer.post().uri("/api/v1/platform/webhooks/{id}/resume", id).exchange().expectStatus().isOk()
                .expectBody().jsonPath("$.status").isEqualTo("active");
        developer.post().uri("/api/v1/platform/webhooks/{id}/rotate-secret", id).exchange().expectStatus().isOk();
        developer.get().uri("/api/v1/platform/webhooks").exchange().expectStatus().isOk();
        developer.get().uri("/api/v1/platform/webhooks/{id}/deliveries", id).exchange().expectStatus().isOk();
        developer.get().uri("/api/v1/platform/workspace").exchange().expectStatus().isOk();

        forbidden(developer.delete().uri("/api/v1/platform/webhooks/{id}", id).exchange(), "delete webhooks");
        developer.get().uri("/api/v1/platform/webhooks/{id}", id).exchange().expectStatus().isOk();
        admin.delete().uri("/api/v1/platform/webhooks/{id}", id).exchange().expectStatus().isNoContent();
        developer.get().uri("/api/v1/platform/webhooks/{id}", id).exchange().expectStatus().isNotFound();

        // the compact /v1 API keeps the same rule
        String v1 = json(developer.post().uri("/v1/webhooks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", TestStack.get().apiUrl() + "/inspector/keys-developer-v1", "events", List.of("delivered")))
                .exchange().expectStatus().isCreated().expectBody().returnResult()).get("id").asString();
        developer.put().uri("/v1/webhooks/{id}", v1).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("events", List.of("delivered", "bounced"))).exchange().expectStatus().isOk();
        forbidden(developer.delete().uri("/v1/webhooks/{id}", v1).exchange(), "delete webhooks");
        admin.delete().uri("/v1/webhooks/{id}", v1).exchange().expectStatus().isNoContent();
    }

    @Test
    void aKeyCannotRevokeItself() {
        String adminKey = TestStack.newApiKey(workspace());
        WebTestClient admin = as(adminKey);
        JsonNode problem = json(admin.delete().uri(KEYS + "/{id}", idOf(adminKey)).exchange().expectStatus().isEqualTo(409)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON).expectBody().returnResult());
        assertThat(problem.get("title").asString()).isEqualTo("Key cannot be revoked");
        assertThat(problem.get("detail").asString()).isEqualTo("An API key cannot revoke itself: revoke it with another admin key.");
        admin.get().uri("/api/v1/platform/workspace").exchange().expectStatus().isOk();
    }

    /**
     * Two admins revoking each other at once: one wins and the other is refused as the last admin key, so the workspace
     * keeps one. The test holds the admin rows locked (as an in-flight revocation would) until both requests wait
     * behind it, so they really overlap; without the service's own lock both would read two admins and both succeed.
     */
    @Test
    void twoAdminKeysRevokingEachOtherAtOnceLeaveOneAdminKey() throws Exception {
        String workspace = workspace();
        String a = TestStack.newApiKey(workspace);
        String b = TestStack.newApiKey(workspace);
        String aId = idOf(a);
        String bId = idOf(b);
        CompletableFuture<Integer> aRevokesB;
        CompletableFuture<Integer> bRevokesA;
        // threads of their own: the common pool may have a single thread, which would run the requests one by one
        try (ExecutorService threads = Executors.newFixedThreadPool(2); Connection holder = TestStack.database()) {
            holder.setAutoCommit(false);
            try (var lock = holder.prepareStatement("select id from api_keys where workspace_id = ? for update")) {
                lock.setString(1, workspace);
                lock.executeQuery().close();
            }
            aRevokesB = CompletableFuture.supplyAsync(() -> revoke(a, bId), threads);
            bRevokesA = CompletableFuture.supplyAsync(() -> revoke(b, aId), threads);
            Awaitility.await().atMost(20, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(50))
                    .until(() -> waitingRevocations() == 2);
            holder.rollback();
        }
        List<Integer> statuses = List.of(aRevokesB.get(30, TimeUnit.SECONDS), bRevokesA.get(30, TimeUnit.SECONDS));
        assertThat(statuses).containsExactlyInAnyOrder(204, 409);
        assertThat(activeAdminKeys(workspace)).isEqualTo(1);
    }

    @Test
    void theOpenApiDocumentDescribesTheKeysEndpointsRolesAndExamples() {
        OpenAPI api = OpenApiIntegrationTests.parse().getOpenAPI();
        assertThat(api.getPaths()).containsKeys(KEYS, KEYS + "/{id}");
        Operation create = api.getPaths().get(KEYS).getPost();
        assertThat(create.getRequestBody().getContent().get("application/json").getExamples()).isNotEmpty();
        assertThat(create.getResponses().get("201").getContent().get("application/json").getExamples()).isNotEmpty();
        assertThat(create.getResponses().get("400").getContent().get("application/problem+json").getExamples()).isNotEmpty();
        assertThat(create.getResponses().get("403").getContent()).containsKey("application/problem+json");
        assertThat(api.getPaths().get(KEYS).getGet().getResponses()).containsKeys("200", "401", "403", "429");
        assertThat(api.getPaths().get(KEYS + "/{id}").getDelete().getResponses()).containsKeys("204", "403", "404", "409");
        assertThat(api.getPaths().get("/api/v1/platform/webhooks/{id}").getDelete().getResponses()).containsKey("403");
        assertThat(api.getComponents().getSchemas().get("ApiKeyView").getProperties())
                .containsKeys("id", "name", "role", "prefix", "created_at", "last_used_at", "revoked_at", "key")
                .doesNotContainKeys("key_hash", "lastUsedAt");
    }

    private static String workspace() {
        return "ws_keys_" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static WebTestClient as(String key) {
        return WebTestClient.bindToServer().baseUrl(TestStack.get().apiUrl()).responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + key).build();
    }

    private static JsonNode create(WebTestClient admin, String body) {
        return json(admin.post().uri(KEYS).contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody().returnResult());
    }

    private static JsonNode keyView(WebTestClient admin, String id) {
        return json(admin.get().uri(KEYS + "/{id}", id).exchange().expectStatus().isOk().expectBody().returnResult());
    }

    private static JsonNode invalid(WebTestClient.ResponseSpec response) {
        JsonNode problem = json(response.expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON).expectBody().returnResult());
        assertThat(problem.get("title").asString()).isEqualTo("Invalid request");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        return problem;
    }

    private static void forbidden(WebTestClient.ResponseSpec response, String action) {
        JsonNode problem = json(response.expectStatus().isForbidden()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON).expectBody().returnResult());
        assertThat(problem.get("title").asString()).isEqualTo("Forbidden");
        assertThat(problem.get("status").asInt()).isEqualTo(403);
        assertThat(problem.get("detail").asString()).isEqualTo("Only an admin API key may " + action + "; this key's role is 'developer'.");
    }

    private static JsonNode json(EntityExchangeResult<byte[]> result) {
        return Json.mapper().readTree(result.getResponseBody());
    }

    /** Waits until event-ingest answers an event sent with the key with this status. */
    private static void awaitIngestStatus(String key, int status) {
        WebTestClient ingest = WebTestClient.bindToServer().baseUrl(TestStack.get().ingestUrl()).responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + key).build();
        Awaitility.await().atMost(INGEST_CATCH_UP).pollInterval(Duration.ofMillis(100))
                .until(() -> ingest.post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON).bodyValue(EVENT)
                        .exchange().expectBody().returnResult().getStatus().value() == status);
    }

    private static int revoke(String key, String id) {
        return as(key).delete().uri(KEYS + "/{id}", id).exchange().expectBody().returnResult().getStatus().value();
    }

    /** How many database sessions wait for a lock in a revocation's statement (not a last_used_at update). */
    private static int waitingRevocations() throws Exception {
        try (Connection db = TestStack.database(); var query = db.prepareStatement(
                "select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%api_keys%revoked_at%'");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static String idOf(String key) {
        try (Connection db = TestStack.database(); var query = db.prepareStatement("select id from api_keys where key_hash = ?")) {
            query.setString(1, ApiKeys.hash(key));
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                return rows.getString(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int activeAdminKeys(String workspace) throws Exception {
        try (Connection db = TestStack.database();
             var query = db.prepareStatement("select count(*) from api_keys where workspace_id = ? and role = 'admin' and revoked_at is null")) {
            query.setString(1, workspace);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
