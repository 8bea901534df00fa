package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;

/**
 * Tenant isolation over every endpoint that takes an id: another workspace's key gets 404 and never the resource's
 * data, and changes nothing; the owner's same request then succeeds, which shows that each route of the matrix exists
 * and found the resource (a 404 from a mistyped path would prove nothing).
 */
class CrossWorkspaceIntegrationTests {

    /** One request of the matrix, and what its owner gets for it. */
    private record Call(HttpMethod method, String path, Object body, int ownerStatus, int alsoForOwner) {

        Call(HttpMethod method, String path, Object body, int ownerStatus) {
            this(method, path, body, ownerStatus, ownerStatus);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @Test
    void anotherWorkspacesKeyGets404OnEveryEndpointAndChangesNothing() throws Exception {
        try (TestReceiver receiver = TestReceiver.start()) {
            String url = receiver.url("/isolated-" + UUID.randomUUID());
            JsonNode created = Tour.createWebhook(Map.of("name", "Owner's private hook", "url", url,
                    "events", List.of("campaign.completed")));
            String webhook = created.get("id").asString();
            JsonNode example = Json.mapper().readTree(EventType.CAMPAIGN_COMPLETED.exampleJson());
            String event = Tour.publish(Map.of("type", "campaign.completed", "data", example.get("data"))).getFirst();
            String delivery = Tour.awaitDelivery(webhook, "delivered").get("id").asString();

            WebTestClient foreign = client(TestStack.newApiKey("ws_foreign_" + UUID.randomUUID().toString().substring(0, 8)));
            String foreignWebhook = read(foreign.post().uri("/api/v1/platform/webhooks").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("name", "Foreign", "url", "https://foreign.example.com/h", "events", List.of("email.opened"),
                            "status", "paused")), 201).get("id").asString();

            String v1Webhook = read(TestStack.api().post().uri("/v1/webhooks").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("url", receiver.url("/isolated-v1"), "events", List.of("complained"),
                            "secret", "owner-private-secret-123")), 201).get("id").asString();
            JsonNode ownerKey = read(TestStack.api().post().uri("/api/v1/platform/api-keys").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("name", "Owner's CI key", "role", "developer")), 201);
            String keys = "/api/v1/platform/api-keys/" + ownerKey.get("id").asString();
            String base = "/api/v1/platform/webhooks/" + webhook;
            // an hour that ended before the test's event: the replay finds nothing and sends nothing again
            Map<String, Object> range = Map.of("from", java.time.Instant.now().minusSeconds(7200).toString(),
                    "to", java.time.Instant.now().minusSeconds(3600).toString());
            String replay = read(TestStack.api().post().uri(base + "/replays").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(range), 202).get("id").asString();
            String v1 = "/v1/webhooks/" + v1Webhook;
            List<Call> matrix = List.of(
                    new Call(HttpMethod.GET, base, null, 200),
                    new Call(HttpMethod.GET, base + "/deliveries", null, 200),
                    new Call(HttpMethod.GET, base + "/deliveries/" + delivery, null, 200),
                    new Call(HttpMethod.GET, base + "/stats", null, 200),
                    new Call(HttpMethod.POST, base + "/test", Map.of("event_type", "campaign.completed"), 200),
                    new Call(HttpMethod.GET, base + "/replays", null, 200),
                    new Call(HttpMethod.GET, base + "/replays/" + replay, null, 200),
                    new Call(HttpMethod.GET, "/api/v1/platform/replays/" + replay, null, 200),
                    // a replay that found nothing has completed: cancelling it is a conflict, not a 404
                    new Call(HttpMethod.DELETE, "/api/v1/platform/replays/" + replay, null, 200, 409),
                    new Call(HttpMethod.POST, base + "/replays", range, 202),
                    new Call(HttpMethod.PUT, base, Map.of("name", "taken over", "url", url, "events", List.of("campaign.completed")), 200),
                    new Call(HttpMethod.PATCH, base, Map.of("name", "taken over"), 200),
                    new Call(HttpMethod.POST, base + "/pause", null, 200),
                    new Call(HttpMethod.POST, base + "/resume", null, 200),
                    new Call(HttpMethod.POST, base + "/rotate-secret", Map.of("grace_period_seconds", 60), 200),
                    new Call(HttpMethod.POST, base + "/deliveries/" + delivery + "/retry", null, 202),
                    new Call(HttpMethod.POST, base + "/deliveries/retry-failed", null, 202),
                    new Call(HttpMethod.POST, base + "/deliveries/archive-failed", null, 200),
                    new Call(HttpMethod.GET, base + "/deliveries.csv", null, 200),
                    new Call(HttpMethod.GET, "/api/v1/platform/events/" + event, null, 200),
                    new Call(HttpMethod.DELETE, base + "/replays/" + replay, null, 200, 409),
                    new Call(HttpMethod.GET, v1, null, 200),
                    new Call(HttpMethod.PUT, v1, Map.of("events", List.of("complained", "bounced")), 200),
                    new Call(HttpMethod.GET, v1 + "/logs", null, 200),
                    new Call(HttpMethod.DELETE, v1, null, 204),
                    new Call(HttpMethod.GET, keys, null, 200),
                    new Call(HttpMethod.DELETE, keys, null, 204),
                    new Call(HttpMethod.DELETE, base, null, 204));

            assertEveryOperationWithAnIdIsInTheMatrix(matrix);
            for (Call call : matrix) {
                EntityExchangeResult<byte[]> answer = send(foreign, call);
                String body = new String(answer.getResponseBody(), StandardCharsets.UTF_8);
                assertThat(answer.getStatus().value()).as("%s with another workspace's key", call).isEqualTo(404);
                assertThat(answer.getResponseHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).as("%s", call).isTrue();
                assertThat(body).as("%s", call).doesNotContain(url).doesNotContain("Owner's private hook").doesNotContain("whsec_")
                        .doesNotContain("owner-private-secret")
                        .doesNotContain("Owner's CI key").doesNotContain(ownerKey.get("prefix").asString());
            }
            // its own webhook id does not open the other workspace's delivery either
            assertThat(send(foreign, new Call(HttpMethod.GET, "/api/v1/platform/webhooks/" + foreignWebhook + "/deliveries/" + delivery, null, 0))
                    .getStatus().value()).isEqualTo(404);
            // and its list and search never show the owner's webhook
            JsonNode foreignList = read(foreign.get().uri("/api/v1/platform/webhooks?search=private"), 200);
            assertThat(foreignList.get("data").valueStream().map(w -> w.get("id").asString())).doesNotContain(webhook);
            JsonNode foreignV1List = read(foreign.get().uri("/v1/webhooks"), 200);
            assertThat(foreignV1List.get("data").valueStream().map(w -> w.get("id").asString())).doesNotContain(v1Webhook);

            JsonNode foreignReplays = read(foreign.get().uri("/api/v1/platform/replays"), 200);
            assertThat(foreignReplays.get("data").valueStream().map(r -> r.get("id").asString())).doesNotContain(replay);
            // no test send reached the owner's endpoint
            assertThat(receiver.received()).noneMatch(request -> new String(request.body(), StandardCharsets.UTF_8).contains("evt_test_"));
            JsonNode foreignKeys = read(foreign.get().uri("/api/v1/platform/api-keys"), 200);
            assertThat(foreignKeys.get("data").valueStream().map(k -> k.get("id").asString())).doesNotContain(ownerKey.get("id").asString());
            assertThat(read(TestStack.api().get().uri(keys), 200).hasNonNull("revoked_at")).isFalse();

            JsonNode unchanged = read(TestStack.api().get().uri(base), 200);
            assertThat(unchanged.get("name").asString()).isEqualTo("Owner's private hook");
            assertThat(unchanged.get("status").asString()).isEqualTo("active");
            assertThat(secretCount(webhook)).isEqualTo(1);
            assertThat(Tour.delivery(webhook, delivery).get("attempts").asInt()).isEqualTo(1);

            for (Call call : matrix) {
                assertThat(send(TestStack.api(), call).getStatus().value()).as("%s with the owner's key", call)
                        .isIn(call.ownerStatus(), call.alsoForOwner());
            }
        }
    }

    /**
     * Operations that take no id of a resource: they act on the caller's own workspace, whose key says which (lists,
     * creates, the workspace itself); the lists are checked above not to show the other workspace's resources. A new
     * operation must be added here or to the matrix, or this test fails.
     */
    private static final java.util.Set<String> WORKSPACE_SCOPED = java.util.Set.of(
            "GET /api/v1/platform/webhooks", "POST /api/v1/platform/webhooks", "GET /api/v1/platform/replays",
            "POST /api/v1/platform/replays", "GET /api/v1/platform/api-keys", "POST /api/v1/platform/api-keys",
            "GET /v1/webhooks", "POST /v1/webhooks", "GET /api/v1/platform/workspace", "GET /api/v1/platform/stats",
            "GET /api/v1/platform/webhooks/events");

    /**
     * Every operation of the OpenAPI document that names a resource by id is called by the matrix (matched by its path
     * template), and every other one is known to be workspace-scoped: an endpoint added later cannot escape this test.
     */
    private static void assertEveryOperationWithAnIdIsInTheMatrix(List<Call> matrix) {
        JsonNode document = Json.mapper().readTree(WebTestClient.bindToServer().baseUrl(TestStack.get().apiUrl()).build()
                .get().uri("/v3/api-docs").exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody());
        List<String> uncovered = new java.util.ArrayList<>();
        List<String> operations = new java.util.ArrayList<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            String method = operation.getKey().toUpperCase(java.util.Locale.ROOT);
            if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                return;
            }
            String template = path.getKey();
            operations.add(method + " " + template);
            if (!template.contains("{")) {
                if (!WORKSPACE_SCOPED.contains(method + " " + template)) {
                    uncovered.add(method + " " + template + " (no id: add it to WORKSPACE_SCOPED once its lists are checked)");
                }
                return;
            }
            java.util.regex.Pattern pattern = java.util.regex.Pattern.compile(template.replaceAll("\\{[^}]+}", "[^/]+"));
            boolean called = matrix.stream().anyMatch(call -> call.method().name().equals(method)
                    && pattern.matcher(call.path().replaceAll("\\?.*", "")).matches());
            if (!called) {
                uncovered.add(method + " " + template);
            }
        }));
        assertThat(operations).as("operations in the OpenAPI document").hasSizeGreaterThan(20)
                .as("WORKSPACE_SCOPED names only operations that exist").containsAll(WORKSPACE_SCOPED);
        assertThat(uncovered).as("operations of the API not in the tenant isolation matrix").isEmpty();
    }

    private static WebTestClient client(String key) {
        return WebTestClient.bindToServer().baseUrl(TestStack.get().apiUrl()).defaultHeader("Authorization", "Bearer " + key).build();
    }

    private static EntityExchangeResult<byte[]> send(WebTestClient client, Call call) {
        WebTestClient.RequestBodySpec request = client.method(call.method()).uri(call.path());
        WebTestClient.RequestHeadersSpec<?> ready = call.body() == null ? request
                : request.contentType(MediaType.APPLICATION_JSON).bodyValue(call.body());
        return ready.exchange().expectBody().returnResult();
    }

    private static JsonNode read(WebTestClient.RequestHeadersSpec<?> request, int status) {
        return Json.mapper().readTree(request.exchange().expectStatus().isEqualTo(status).expectBody().returnResult().getResponseBody());
    }

    private static long secretCount(String webhookId) throws Exception {
        try (Connection db = TestStack.database();
             var query = db.prepareStatement("select count(*) from webhook_secrets where webhook_id = ?")) {
            query.setString(1, webhookId);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
