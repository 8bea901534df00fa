package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.signing.StandardWebhookSignature;
import tools.jackson.databind.JsonNode;

/**
 * The compact {@code /v1/webhooks} API of spec 003 end to end: its exact shapes, deliveries with the short type and
 * {@code X-Webhook-Signature} under the user's own secret, partial PUT, pause through {@code active}, delete, the log,
 * every validation rule with its message, and workspace scoping.
 */
class V1WebhookIntegrationTests {

    /** Spec 003's example secret made long enough: not {@code whsec_<base64>}, so every signer must take it as it is. */
    private static final String SECRET = "your-webhook-secret-0123";
    private static final String ALLOWED = "queued, sending, delivered, bounced, complained, opened, clicked";
    private static final String INVALID_URL = "Invalid URL. Please enter a valid HTTPS URL (HTTP is allowed for localhost testing).";

    @Test
    void deliversTheShortTypeSignedWithTheUsersSecretAndLogsIt() throws Exception {
        try (TestReceiver receiver = TestReceiver.start()) {
            JsonNode created = call(TestStack.api().post().uri("/v1/webhooks").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("url", receiver.url("/email"), "events", List.of("delivered", "complained"), "secret", SECRET)),
                    HttpStatus.CREATED);
            assertThat(created.propertyNames()).containsExactlyInAnyOrder("id", "url", "events", "active", "created_at");
            assertThat(created.get("id").asString()).startsWith("wh_");
            assertThat(created.get("url").asString()).isEqualTo(receiver.url("/email"));
            assertThat(strings(created.get("events"))).containsExactly("delivered", "complained");
            assertThat(created.get("active").asBoolean()).isTrue();
            assertThat(Instant.parse(created.get("created_at").asString())).isBefore(Instant.now().plusSeconds(1));
            String id = created.get("id").asString();

            String emailId = unique("msg");
            String eventId = Tour.publish(Map.of("type", "email.spam_reported",
                    "data", Map.of("email_id", emailId, "contact", Map.of("email", "user@example.com")))).getFirst();
            TestReceiver.Received request = receiver.awaitRequests(1, Tour.WAIT).getFirst();

            JsonNode payload = Json.mapper().readTree(request.body());
            assertThat(payload.get("type").asString()).isEqualTo("complained");
            assertThat(payload.get("id").asString()).isEqualTo(eventId);
            assertThat(payload.get("data").get("email_id").asString()).isEqualTo(emailId);
            assertThat(request.header("X-Webhook-Signature")).isEqualTo(hmacHex(SECRET, request.body()));
            assertThat(request.header("X-PenguinMails-Event")).isEqualTo("email.spam_reported");
            // the Standard Webhooks headers still come, keyed with the secret's UTF-8 bytes as it is no base64
            assertThat(StandardWebhookSignature.verify(SECRET, request.header("webhook-id"), request.header("webhook-timestamp"),
                    request.body(), request.header("webhook-signature"), Instant.now(), Duration.ofMinutes(5))).isTrue();

            JsonNode log = awaitLog(id, 1).get(0);
            assertThat(log.propertyNames()).containsExactlyInAnyOrder("id", "event_id", "type", "status", "attempts", "max_attempts",
                    "response_status_code", "duration_ms", "error", "created_at", "last_attempt_at", "next_attempt_at");
            assertThat(log.get("id").asString()).isEqualTo(request.header("X-PenguinMails-Delivery-ID"));
            assertThat(log.get("event_id").asString()).isEqualTo(eventId);
            assertThat(log.get("type").asString()).isEqualTo("complained");
            assertThat(log.get("status").asString()).isEqualTo("delivered");
            assertThat(log.get("attempts").asInt()).isEqualTo(1);
            // spec 003's three retries after the first attempt
            assertThat(log.get("max_attempts").asInt()).isEqualTo(4);
            assertThat(log.get("response_status_code").asInt()).isEqualTo(200);
            assertThat(log.get("next_attempt_at").isNull()).isTrue();
        }
    }

    @Test
    void generatesAWhsecSecretWhenNoneIsGivenAndShowsItOnlyOnce() throws Exception {
        try (TestReceiver receiver = TestReceiver.start()) {
            JsonNode created = createV1(Map.of("url", receiver.url("/gen"), "events", List.of("bounced")));
            String secret = created.get("secret").asString();
            assertThat(secret).startsWith("whsec_");
            String id = created.get("id").asString();
            assertThat(get(id).has("secret")).isFalse();
            assertThat(list().valueStream().filter(webhook -> webhook.get("id").asString().equals(id)).findFirst().orElseThrow()
                    .has("secret")).isFalse();

            Tour.publish(Map.of("type", "email.bounced", "data", Map.of("email_id", unique("msg"),
                    "contact", Map.of("email", "gone@example.com"), "bounce_type", "hard")));
            TestReceiver.Received request = receiver.awaitRequests(1, Tour.WAIT).getFirst();
            assertThat(Json.mapper().readTree(request.body()).get("type").asString()).isEqualTo("bounced");
            assertThat(request.header("X-Webhook-Signature")).isEqualTo(hmacHex(secret, request.body()));
        }
    }

    @Test
    void listsAndGetsOnlyTheWorkspacesV1WebhooksNewestFirst() throws Exception {
        try (TestReceiver receiver = TestReceiver.start()) {
            String older = createV1(Map.of("url", receiver.url("/older"), "events", List.of("opened"), "secret", SECRET)).get("id").asString();
            String newer = createV1(Map.of("url", receiver.url("/newer"), "events", List.of("clicked", "queued"), "secret", SECRET,
                    "active", false)).get("id").asString();
            String platform = Tour.createWebhook(Map.of("url", receiver.url("/platform"), "events", List.of("email.opened")))
                    .get("id").asString();

            List<String> ids = list().valueStream().map(webhook -> webhook.get("id").asString()).toList();
            assertThat(ids).contains(older, newer).doesNotContain(platform);
            assertThat(ids.indexOf(newer)).isLessThan(ids.indexOf(older));

            JsonNode one = get(newer);
            assertThat(one.propertyNames()).containsExactlyInAnyOrder("id", "url", "events", "active", "created_at");
            assertThat(one.get("url").asString()).isEqualTo(receiver.url("/newer"));
            assertThat(strings(one.get("events"))).containsExactly("clicked", "queued");
            assertThat(one.get("active").asBoolean()).isFalse();

            // a platform webhook has neither short names nor spec 003's signing and retries: not a /v1 resource
            JsonNode problem = call(TestStack.api().get().uri("/v1/webhooks/{id}", platform), HttpStatus.NOT_FOUND);
            assertThat(problem.get("detail").asString()).isEqualTo("Webhook " + platform + " was not found in this workspace.");
            call(TestStack.api().get().uri("/v1/webhooks/wh_missing"), HttpStatus.NOT_FOUND);
        }
    }

    @Test
    void putChangesOnlyTheGivenFieldsAndActiveFalsePausesDeliveries() throws Exception {
        try (TestReceiver first = TestReceiver.start(); TestReceiver second = TestReceiver.start()) {
            JsonNode created = createV1(Map.of("url", first.url("/a"), "events", List.of("delivered"), "secret", SECRET));
            String id = created.get("id").asString();

            JsonNode updated = put(id, Map.of("events", List.of("delivered", "bounced", "complained", "opened")), HttpStatus.OK);
            assertThat(updated.propertyNames()).containsExactlyInAnyOrder("id", "url", "events", "active", "created_at");
            assertThat(strings(updated.get("events"))).containsExactly("delivered", "bounced", "complained", "opened");
            assertThat(updated.get("url").asString()).isEqualTo(first.url("/a"));
            assertThat(updated.get("active").asBoolean()).isTrue();
            assertThat(updated.get("created_at").asString()).isEqualTo(created.get("created_at").asString());
            publishOpened();
            assertThat(Json.mapper().readTree(first.awaitRequests(1, Tour.WAIT).getFirst().body()).get("type").asString())
                    .isEqualTo("opened");

            assertThat(put(id, Map.of("active", false), HttpStatus.OK).get("active").asBoolean()).isFalse();
            assertThat(get(id).get("active").asBoolean()).isFalse();
            String skippedEvent = publishOpened();
            JsonNode skipped = awaitLog(id, 2).get(0);
            assertThat(skipped.get("event_id").asString()).isEqualTo(skippedEvent);
            assertThat(skipped.get("status").asString()).isEqualTo("skipped");
            assertThat(first.received()).hasSize(1);

            String newSecret = "a-brand-new-secret-4567";
            JsonNode resumed = put(id, Map.of("active", true, "url", second.url("/b"), "secret", newSecret), HttpStatus.OK);
            assertThat(resumed.get("active").asBoolean()).isTrue();
            assertThat(resumed.get("url").asString()).isEqualTo(second.url("/b"));
            assertThat(resumed.has("secret")).isFalse();
            assertThat(strings(resumed.get("events"))).containsExactly("delivered", "bounced", "complained", "opened");
            publishOpened();
            TestReceiver.Received request = second.awaitRequests(1, Tour.WAIT).getFirst();
            assertThat(request.header("X-Webhook-Signature")).isEqualTo(hmacHex(newSecret, request.body()));
            assertThat(first.received()).hasSize(1);

            // an empty object changes nothing
            assertThat(put(id, Map.of(), HttpStatus.OK)).isEqualTo(get(id));
            call(TestStack.api().put().uri("/v1/webhooks/wh_missing").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("active", false)), HttpStatus.NOT_FOUND);
        }
    }

    @Test
    void deletedWebhooksAnswer404EverywhereAndReceiveNothing() throws Exception {
        try (TestReceiver receiver = TestReceiver.start()) {
            String id = createV1(Map.of("url", receiver.url("/gone"), "events", List.of("sending"), "secret", SECRET)).get("id").asString();
            TestStack.api().delete().uri("/v1/webhooks/{id}", id).exchange().expectStatus().isNoContent().expectBody().isEmpty();

            call(TestStack.api().get().uri("/v1/webhooks/{id}", id), HttpStatus.NOT_FOUND);
            call(TestStack.api().get().uri("/v1/webhooks/{id}/logs", id), HttpStatus.NOT_FOUND);
            call(TestStack.api().put().uri("/v1/webhooks/{id}", id).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("active", true)), HttpStatus.NOT_FOUND);
            call(TestStack.api().delete().uri("/v1/webhooks/{id}", id), HttpStatus.NOT_FOUND);
            assertThat(list().valueStream().map(webhook -> webhook.get("id").asString())).doesNotContain(id);

            // a webhook created after the delete on the same type shows when the event has been dispatched
            try (TestReceiver kept = TestReceiver.start()) {
                String keptId = createV1(Map.of("url", kept.url("/kept"), "events", List.of("sending"), "secret", SECRET))
                        .get("id").asString();
                Tour.publish(Map.of("type", "email.sending", "data", Map.of("email_id", unique("msg"))));
                awaitLog(keptId, 1);
                assertThat(kept.received()).hasSize(1);
                assertThat(receiver.received()).isEmpty();
            }
        }
    }

    @Test
    void anotherWorkspaceGets404AndNeverTheWebhook() throws Exception {
        try (TestReceiver receiver = TestReceiver.start()) {
            String id = createV1(Map.of("url", receiver.url("/mine"), "events", List.of("delivered"), "secret", SECRET)).get("id").asString();
            WebTestClient other = WebTestClient.bindToServer().responseTimeout(Tour.WAIT).baseUrl(TestStack.get().apiUrl()).responseTimeout(Duration.ofSeconds(30))
                    .defaultHeader("Authorization", "Bearer " + TestStack.newApiKey("ws_other_" + UUID.randomUUID().toString().substring(0, 8)))
                    .build();

            for (WebTestClient.RequestHeadersSpec<?> request : List.of(
                    other.get().uri("/v1/webhooks/{id}", id),
                    other.get().uri("/v1/webhooks/{id}/logs", id),
                    other.put().uri("/v1/webhooks/{id}", id).contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of("url", "https://attacker.example.com/hook", "active", false)),
                    other.delete().uri("/v1/webhooks/{id}", id))) {
                JsonNode problem = call(request, HttpStatus.NOT_FOUND);
                assertThat(problem.get("detail").asString()).isEqualTo("Webhook " + id + " was not found in this workspace.");
                assertThat(problem.toString()).doesNotContain(receiver.url("/mine"));
            }
            byte[] otherList = other.get().uri("/v1/webhooks").exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
            assertThat(Json.mapper().readTree(otherList).get("data").isEmpty()).isTrue();

            JsonNode untouched = get(id);
            assertThat(untouched.get("url").asString()).isEqualTo(receiver.url("/mine"));
            assertThat(untouched.get("active").asBoolean()).isTrue();
        }
    }

    @Test
    void refusesEveryInvalidCreateWithTheFieldAndItsReason() {
        String url = "https://example.com/hook";
        expectInvalid(post(Map.of("events", List.of("delivered"))), "url",
                "URL is required. Please enter a valid HTTPS URL (HTTP is allowed for localhost testing).");
        expectInvalid(post(Map.of("url", "ftp://example.com/hook", "events", List.of("delivered"))), "url", INVALID_URL);
        expectInvalid(post(Map.of("url", "http://example.com/hook", "events", List.of("delivered"))), "url", INVALID_URL);
        expectInvalid(post(Map.of("url", "not a url", "events", List.of("delivered"))), "url", INVALID_URL);
        expectInvalid(post(Map.of("url", url)), "events", "Select at least one event: " + ALLOWED + ".");
        expectInvalid(post(Map.of("url", url, "events", List.of())), "events", "Select at least one event: " + ALLOWED + ".");
        expectInvalid(post(Map.of("url", url, "events", List.of("delivered", "email.opened"))), "events[1]",
                "Unknown event 'email.opened'. Allowed events: " + ALLOWED + ".");
        expectInvalid(post(Map.of("url", url, "events", List.of("delivered"), "secret", "too-short")), "secret",
                "Secret must be at least 16 characters.");
        expectInvalid(post(Map.of("url", url, "events", List.of("delivered"), "secret", "")), "secret",
                "Secret must be at least 16 characters.");
        expectInvalid(post(Map.of("url", url, "events", List.of("delivered"), "secret", "x".repeat(257))), "secret",
                "Secret must be at most 256 characters.");
        expectInvalid(post(Map.of("url", url, "events", List.of("delivered"), "secret", SECRET + "\n")), "secret",
                "Secret must not start or end with a space or line break.");
        expectInvalid(post(Map.of("url", url, "events", List.of("delivered"), "secret", "your-webhook\u0007secret")), "secret",
                "Secret must not contain control characters.");

        JsonNode all = call(post(Map.of("url", "ftp://x", "events", List.of("teleported"), "secret", "short")), HttpStatus.BAD_REQUEST);
        assertThat(all.get("detail").asString()).isEqualTo("The request has 3 invalid fields.");
        assertThat(all.get("errors").valueStream().map(error -> error.get("field").asString())).containsExactly("url", "events[0]", "secret");

        expectInvalid(TestStack.api().post().uri("/v1/webhooks").contentType(MediaType.APPLICATION_JSON),
                "body", "A JSON body with 'url' and 'events' (and optionally 'secret' and 'active') is required.");
        JsonNode malformed = call(TestStack.api().post().uri("/v1/webhooks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"url\": \"https://example.com\", \"events\": [\"delivered\""), HttpStatus.BAD_REQUEST);
        assertThat(malformed.get("detail").asString()).isEqualTo("The request body could not be read as JSON.");
        assertThat(malformed.get("errors").get(0).get("field").asString()).isEqualTo("body");
    }

    @Test
    void refusesEveryInvalidUpdateAndLogsQueryWithTheFieldAndItsReason() {
        String id = createV1(Map.of("url", "https://example.com/keep", "events", List.of("queued"), "secret", SECRET)).get("id").asString();
        expectInvalid(putRequest(id, Map.of("url", "")), "url",
                "URL is required. Please enter a valid HTTPS URL (HTTP is allowed for localhost testing).");
        expectInvalid(putRequest(id, Map.of("url", "ftp://example.com")), "url", INVALID_URL);
        expectInvalid(putRequest(id, Map.of("events", List.of())), "events", "Select at least one event: " + ALLOWED + ".");
        expectInvalid(putRequest(id, Map.of("events", List.of("queued", "sent"))), "events[1]",
                "Unknown event 'sent'. Allowed events: " + ALLOWED + ".");
        expectInvalid(putRequest(id, Map.of("secret", "short")), "secret", "Secret must be at least 16 characters.");
        expectInvalid(TestStack.api().put().uri("/v1/webhooks/{id}", id).contentType(MediaType.APPLICATION_JSON), "body",
                "A JSON body with the fields to change ('url', 'events', 'secret', 'active') is required.");
        JsonNode malformed = call(TestStack.api().put().uri("/v1/webhooks/{id}", id).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"active\": "), HttpStatus.BAD_REQUEST);
        assertThat(malformed.get("detail").asString()).isEqualTo("The request body could not be read as JSON.");
        JsonNode unchanged = get(id);
        assertThat(unchanged.get("url").asString()).isEqualTo("https://example.com/keep");
        assertThat(strings(unchanged.get("events"))).containsExactly("queued");

        for (String limit : List.of("0", "101", "ten")) {
            expectInvalid(TestStack.api().get().uri("/v1/webhooks/{id}/logs?limit={limit}", id, limit), "limit",
                    "limit must be a whole number between 1 and 100.");
        }
        byte[] anonymous = WebTestClient.bindToServer().responseTimeout(Tour.WAIT).baseUrl(TestStack.get().apiUrl()).build().get().uri("/v1/webhooks")
                .exchange().expectStatus().isUnauthorized().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult().getResponseBody();
        assertThat(Json.mapper().readTree(anonymous).get("title").asString()).isEqualTo("Unauthorized");
    }

    @Test
    void logsShowTheNewestDeliveriesFirstUpToTheLimit() throws Exception {
        try (TestReceiver receiver = TestReceiver.start()) {
            String id = createV1(Map.of("url", receiver.url("/log"), "events", List.of("clicked"), "secret", SECRET)).get("id").asString();
            assertThat(logs(id, null)).isEmpty();
            String firstEvent = publishClicked();
            awaitLog(id, 1);
            String secondEvent = publishClicked();
            JsonNode both = awaitLog(id, 2);
            assertThat(both.valueStream().map(log -> log.get("event_id").asString())).containsExactly(secondEvent, firstEvent);
            JsonNode limited = logs(id, "1");
            assertThat(limited).hasSize(1);
            assertThat(limited.get(0).get("event_id").asString()).isEqualTo(secondEvent);
        }
    }

    @Test
    void aFailedDeliveryIsRetriedOnSpec003sScheduleAfterAboutAMinute() throws Exception {
        try (TestReceiver receiver = TestReceiver.start(500)) {
            String id = createV1(Map.of("url", receiver.url("/down"), "events", List.of("opened"), "secret", SECRET)).get("id").asString();
            publishOpened();
            AtomicReference<JsonNode> retrying = new AtomicReference<>();
            Awaitility.await().atMost(Tour.WAIT.toSeconds(), TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200)).until(() -> {
                JsonNode data = logs(id, null);
                retrying.set(data.isEmpty() ? null : data.get(0));
                return retrying.get() != null && retrying.get().get("status").asString().equals("pending_retry");
            });
            JsonNode log = retrying.get();
            assertThat(log.get("attempts").asInt()).isEqualTo(1);
            assertThat(log.get("max_attempts").asInt()).isEqualTo(4);
            assertThat(log.get("response_status_code").asInt()).isEqualTo(500);
            // the platform schedule of the test stack retries after 1 s; spec 003's after 1 m, ± 10 %
            Duration wait = Duration.between(Instant.parse(log.get("last_attempt_at").asString()),
                    Instant.parse(log.get("next_attempt_at").asString()));
            assertThat(wait).isBetween(Duration.ofSeconds(54), Duration.ofSeconds(66));
        }
    }

    private static String publishOpened() {
        return Tour.publish(Map.of("type", "email.opened", "data", Map.of("email_id", unique("msg"),
                "contact", Map.of("email", "user@example.com")))).getFirst();
    }

    private static String publishClicked() {
        return Tour.publish(Map.of("type", "email.clicked", "data", Map.of("email_id", unique("msg"),
                "contact", Map.of("email", "user@example.com"), "url", "https://example.com/a"))).getFirst();
    }

    private static String unique(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** {@code sha256=} and the hex HMAC-SHA256 of the raw body under the secret's UTF-8 bytes, computed here from scratch. */
    private static String hmacHex(String secret, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private static JsonNode createV1(Map<String, Object> body) {
        return call(post(body), HttpStatus.CREATED);
    }

    private static WebTestClient.RequestHeadersSpec<?> post(Map<String, Object> body) {
        return TestStack.api().post().uri("/v1/webhooks").contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    private static WebTestClient.RequestHeadersSpec<?> putRequest(String id, Map<String, Object> body) {
        return TestStack.api().put().uri("/v1/webhooks/{id}", id).contentType(MediaType.APPLICATION_JSON).bodyValue(body);
    }

    private static JsonNode put(String id, Map<String, Object> body, HttpStatus expected) {
        return call(putRequest(id, body), expected);
    }

    private static JsonNode get(String id) {
        return call(TestStack.api().get().uri("/v1/webhooks/{id}", id), HttpStatus.OK);
    }

    private static JsonNode list() {
        JsonNode answer = call(TestStack.api().get().uri("/v1/webhooks"), HttpStatus.OK);
        assertThat(answer.propertyNames()).containsExactly("data");
        return answer.get("data");
    }

    private static JsonNode logs(String id, String limit) {
        JsonNode answer = call(limit == null ? TestStack.api().get().uri("/v1/webhooks/{id}/logs", id)
                : TestStack.api().get().uri("/v1/webhooks/{id}/logs?limit={limit}", id, limit), HttpStatus.OK);
        return answer.get("data");
    }

    /** Waits until the webhook's log holds {@code count} deliveries and returns them, newest first. */
    private static JsonNode awaitLog(String id, int count) {
        AtomicReference<JsonNode> found = new AtomicReference<>();
        Awaitility.await().atMost(Tour.WAIT.toSeconds(), TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200)).until(() -> {
            JsonNode data = logs(id, null);
            found.set(data);
            return data.size() == count;
        });
        return found.get();
    }

    private static void expectInvalid(WebTestClient.RequestHeadersSpec<?> request, String field, String reason) {
        JsonNode problem = call(request, HttpStatus.BAD_REQUEST);
        assertThat(problem.get("title").asString()).isEqualTo("Invalid request");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("detail").asString()).isEqualTo(reason);
        assertThat(problem.get("errors")).hasSize(1);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
        assertThat(problem.get("errors").get(0).get("reason").asString()).isEqualTo(reason);
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static JsonNode call(WebTestClient.RequestHeadersSpec<?> request, HttpStatus expected) {
        WebTestClient.ResponseSpec response = request.exchange().expectStatus().isEqualTo(expected);
        if (!expected.is2xxSuccessful()) {
            response.expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
        byte[] answer = response.expectBody().returnResult().getResponseBody();
        return answer == null ? null : Json.mapper().readTree(answer);
    }
}
