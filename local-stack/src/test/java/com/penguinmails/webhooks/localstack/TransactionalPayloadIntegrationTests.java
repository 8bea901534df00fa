package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Spec 003's transactional payloads end to end: its own examples, verbatim, posted to ingest as a producer sends them
 * (the full type and the example's {@code data}), delivered to a {@code /v1} webhook made with spec 003's create call,
 * with exactly the data sent and {@code X-Webhook-Signature} under the user's secret; the same for every type spec 003
 * names; an event with neither shape refused naming both fields; and contact filters passing such events by. In a
 * workspace of its own, so that no other test's webhook or event mixes in.
 */
class TransactionalPayloadIntegrationTests {

    /** Spec 003, "Create a Webhook", verbatim (the URL is replaced by the test receiver's). */
    private static final String SPEC_003_CREATE = """
            {
                "url": "https://yourapp.com/webhooks/email",
                "events": ["delivered", "bounced", "complained"],
                "secret": "your-webhook-secret"
              }""";

    /** Spec 003, "Webhook Payload", verbatim. */
    private static final String SPEC_003_WEBHOOK_PAYLOAD = """
            {
              "id": "evt_xyz789",
              "type": "delivered",
              "created_at": "2024-01-15T10:30:05Z",
              "data": {
                "email_id": "msg_abc123",
                "from": "sender@yourdomain.com",
                "to": "recipient@example.com",
                "subject": "Hello",
                "delivered_at": "2024-01-15T10:30:05Z"
              }
            }""";

    /** Spec 003, "Bounce Payload", verbatim. */
    private static final String SPEC_003_BOUNCE_PAYLOAD = """
            {
              "id": "evt_xyz789",
              "type": "bounced",
              "created_at": "2024-01-15T10:30:05Z",
              "data": {
                "email_id": "msg_abc123",
                "from": "sender@yourdomain.com",
                "to": "invalid@example.com",
                "bounce_type": "hard",
                "bounce_code": "550",
                "bounce_message": "User unknown"
              }
            }""";

    private static final String SECRET = "your-webhook-secret";

    private static WebTestClient api;
    private static WebTestClient ingest;

    @BeforeAll
    static void workspaceOfItsOwn() {
        DashboardWorkspace workspace = DashboardWorkspace.create();
        api = TestStack.client(TestStack.get().apiUrl(), workspace.adminKey());
        ingest = TestStack.client(TestStack.get().ingestUrl(), workspace.ingestKey());
    }

    @Test
    void spec003sExamplesReachAV1WebhookWithExactlyTheDataSentSignedWithTheUsersSecret() throws Exception {
        try (TestReceiver receiver = TestReceiver.start()) {
            JsonNode created = createV1(SPEC_003_CREATE.replace("https://yourapp.com/webhooks/email", receiver.url("/webhooks/email")));
            assertThat(created.get("events").valueStream().map(JsonNode::asString)).containsExactly("delivered", "bounced", "complained");
            assertThat(created.has("secret")).as("the user's own secret is never echoed").isFalse();

            List<JsonNode> examples = List.of(Json.mapper().readTree(SPEC_003_WEBHOOK_PAYLOAD), Json.mapper().readTree(SPEC_003_BOUNCE_PAYLOAD));
            List<String> ids = new ArrayList<>();
            for (JsonNode example : examples) {
                // what a producer sends: the catalog type and the example's data (the id is ingest's to give: spec 003
                // shows the same one twice, and a repeated id is dropped as a duplicate)
                ids.addAll(publish(List.of(Map.of("type", "email." + example.get("type").asString(),
                        "created_at", example.get("created_at").asString(), "data", example.get("data")))));
            }

            Map<String, TestReceiver.Received> received = new LinkedHashMap<>();
            for (TestReceiver.Received request : receiver.awaitRequests(2, Tour.WAIT)) {
                received.put(Json.mapper().readTree(request.body()).get("id").asString(), request);
            }
            assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(ids);
            for (int i = 0; i < examples.size(); i++) {
                JsonNode example = examples.get(i);
                TestReceiver.Received request = received.get(ids.get(i));
                JsonNode payload = Json.mapper().readTree(request.body());
                assertThat(payload.propertyNames()).containsExactly("id", "type", "created_at", "data");
                assertThat(payload.get("type")).isEqualTo(example.get("type"));
                assertThat(payload.get("created_at")).isEqualTo(example.get("created_at"));
                assertThat(payload.get("data")).isEqualTo(example.get("data"));
                assertThat(request.header("X-Webhook-Signature")).isEqualTo(hmacHex(SECRET, request.body()));
            }
        }
    }

    @Test
    void everyTypeOfSpec003IsAcceptedInItsTransactionalShapeAndDeliveredAsSent() throws Exception {
        try (TestReceiver receiver = TestReceiver.start()) {
            createV1(Json.writeString(Map.of("url", receiver.url("/all"),
                    "events", List.of("queued", "sending", "delivered", "bounced", "complained", "opened", "clicked"), "secret", SECRET)));
            Map<String, JsonNode> sent = new LinkedHashMap<>();
            List<Map<String, Object>> events = new ArrayList<>();
            for (EventType type : EventType.values()) {
                type.transactionalExampleJson().ifPresent(json -> {
                    JsonNode data = Json.mapper().readTree(json).get("data");
                    assertThat(data.has("contact")).isFalse();
                    sent.put(type.v1Name().orElseThrow(), data);
                    events.add(Map.of("type", type.typeName(), "data", data));
                });
            }
            assertThat(sent).hasSize(7);
            publish(events);

            List<TestReceiver.Received> received = receiver.awaitRequests(7, Tour.WAIT);
            Map<String, JsonNode> delivered = new LinkedHashMap<>();
            for (TestReceiver.Received request : received) {
                JsonNode payload = Json.mapper().readTree(request.body());
                delivered.put(payload.get("type").asString(), payload.get("data"));
                assertThat(request.header("X-Webhook-Signature")).isEqualTo(hmacHex(SECRET, request.body()));
            }
            assertThat(delivered).isEqualTo(sent);
        }
    }

    @Test
    void anEventWithNeitherShapeIsRefusedNamingBothFieldsInOneError() {
        // docs/api.md "Payload shapes": the request and the whole answer
        JsonNode problem = refused("""
                {"type":"email.bounced","data":{"email_id":"msg_abc123","from":"sender@yourdomain.com"}}""");
        assertThat(problem).isEqualTo(Json.mapper().readTree("""
                {"detail":"The request was refused; nothing was published.","instance":"/api/v1/events","status":400,"title":"Invalid events",
                 "errors":[{"field":"data.bounce_type","reason":"required property 'bounce_type' not found","code":"schema_violation"},
                           {"field":"data","reason":"one of contact or to is required","code":"schema_violation"}]}"""));

        // in a batch, by index; spec 003's example beside it is fine
        ObjectNode noRecipient = (ObjectNode) Json.mapper().readTree(SPEC_003_WEBHOOK_PAYLOAD).get("data").deepCopy();
        noRecipient.remove("to");
        JsonNode batch = refused(Json.writeString(List.of(Map.of("type", "email.delivered", "data", Json.mapper().readTree(SPEC_003_WEBHOOK_PAYLOAD).get("data")),
                Map.of("type", "email.delivered", "data", noRecipient))));
        assertThat(batch.get("errors").valueStream().map(e -> tuple(e.get("field").asString(), e.get("reason").asString(), e.get("code").asString())))
                .containsExactly(tuple("[1].data", "one of contact or to is required", "schema_violation"));
    }

    private static JsonNode refused(String body) {
        return json(ingest.post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().isEqualTo(HttpStatus.BAD_REQUEST)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult().getResponseBody());
    }

    @Test
    void contactFiltersLetATransactionalEventPassByAndStillDeliverIt() throws Exception {
        try (TestReceiver vipTags = TestReceiver.start(); TestReceiver contactEmail = TestReceiver.start();
             TestReceiver everything = TestReceiver.start()) {
            createPlatform(vipTags.url("/tags"), Map.of("contact_tags", Map.of("any", List.of("vip"))));
            createPlatform(contactEmail.url("/email"), Map.of("payload", Map.of("contact.email", Map.of("$regex", "@example\\.com$"))));
            createPlatform(everything.url("/all"), null);

            JsonNode transactional = Json.mapper().readTree(SPEC_003_WEBHOOK_PAYLOAD).get("data").deepCopy();
            ((ObjectNode) transactional).putArray("tags").add("vip"); // the message's tags, not a contact's
            // the transactional event first: one workspace, one partition, so when the marketing one has reached a
            // filtered webhook, the transactional one has been matched against it before
            List<String> ids = publish(List.of(Map.of("type", "email.delivered", "data", transactional),
                    Map.of("type", "email.delivered", "data", Map.of("email_id", "msg_marketing",
                            "contact", Map.of("email", "user@example.com", "tags", List.of("vip"))))));

            assertThat(everything.awaitRequests(2, Tour.WAIT)).extracting(r -> Json.mapper().readTree(r.body()).get("id").asString())
                    .containsExactlyInAnyOrderElementsOf(ids);
            for (TestReceiver filtered : List.of(vipTags, contactEmail)) {
                assertThat(filtered.awaitRequests(1, Tour.WAIT)).extracting(r -> Json.mapper().readTree(r.body()).get("id").asString())
                        .containsExactly(ids.get(1));
            }
        }
    }

    private static JsonNode createV1(String body) {
        return json(api.post().uri("/v1/webhooks").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody());
    }

    private static String createPlatform(String url, Map<String, Object> filters) {
        Map<String, Object> body = new LinkedHashMap<>(Map.of("name", "Transactional filter", "url", url, "events", List.of("email.delivered")));
        if (filters != null) {
            body.put("filters", filters);
        }
        return json(api.post().uri("/api/v1/platform/webhooks").contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange()
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody()).get("id").asString();
    }

    private static List<String> publish(List<Map<String, Object>> events) {
        byte[] answer = ingest.post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON).bodyValue(events).exchange()
                .expectStatus().isAccepted().expectBody().returnResult().getResponseBody();
        return json(answer).get("ids").valueStream().map(JsonNode::asString).toList();
    }

    private static JsonNode json(byte[] body) {
        return Json.mapper().readTree(body);
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of the raw body under the secret's UTF-8 bytes, as spec 003's receiver computes it. */
    private static String hmacHex(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }
}
