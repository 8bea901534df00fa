package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.signing.PenguinSignature;
import tools.jackson.databind.JsonNode;

/**
 * Bodies that the documents' receiver code accepts: an event whose producer wrote escapes, odd number forms, integer-like
 * keys and whitespace ({@code canonical/odd-event.json}) is delivered in {@code JSON.stringify}'s form, live to both
 * webhook flavours, by a manual retry, a replay and a test send, and the documents' Node snippets, copied verbatim
 * ({@link SpecSnippets}), verify every one of those deliveries. The expected {@code data} was made by Node's
 * {@code JSON.stringify} ({@code canonical/README.md}).
 */
class CanonicalBodyIntegrationTests {

    private static final String V1_SECRET = "canonical-bodies-secret-0123";

    @Test
    void theDocumentsNodeSnippetsVerifyLiveDeliveriesToBothFlavours() throws Exception {
        try (TestReceiver platform = TestReceiver.start(); TestReceiver v1 = TestReceiver.start()) {
            String marker = marker();
            String secret = Tour.createWebhook(Map.of("url", platform.url("/webhooks/penguinmails"), "events", List.of("email.opened"),
                    "filters", Map.of("campaign_ids", List.of("camp_" + marker)))).get("secret").asString();
            String v1Id = call(TestStack.api().post().uri("/v1/webhooks").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("url", v1.url("/webhooks/email"), "events", List.of("opened"), "secret", V1_SECRET)), HttpStatus.CREATED)
                    .get("id").asString();
            try {
                deliverToBothFlavours(platform, v1, marker, secret);
            } finally {
                // it would get every later email.opened of the workspace
                TestStack.api().delete().uri("/v1/webhooks/{id}", v1Id).exchange().expectStatus().isNoContent();
            }
        }
    }

    /** One odd event to a platform and a /v1 webhook; the documents' snippets verify both deliveries. */
    private static void deliverToBothFlavours(TestReceiver platform, TestReceiver v1, String marker, String secret) throws Exception {
        Instant createdAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String eventId = publish(oddEvent(marker, createdAt));
        TestReceiver.Received toPlatform = awaitEvent(platform, eventId);
        TestReceiver.Received toV1 = awaitEvent(v1, eventId);

        // byte for byte what JSON.stringify writes, keys as the producer sent them but for "2" and "10" first
        assertThat(toPlatform.bodyText()).isEqualTo(body(eventId, "email.opened", createdAt, marker));
        assertThat(toV1.bodyText()).isEqualTo(body(eventId, "opened", createdAt, marker));
        assertThat(toPlatform.header("X-PenguinMails-Signature")).isEqualTo(hmac(secret, toPlatform.body()));
        assertThat(toV1.header("X-Webhook-Signature")).isEqualTo(hmac(V1_SECRET, toV1.body()));

        assumeTrue(SpecSnippets.nodeRuns(), "node is not installed: the documents' snippets cannot run here");
        SpecSnippets.Answer spec001 = SpecSnippets.run(SpecSnippets.SPEC_001, secret, List.of(toPlatform)).getFirst();
        assertThat(spec001.status()).as(spec001.body()).isEqualTo("200");
        assertThat(spec001.body()).isEqualTo("OK");
        assertThat(spec001.logs()).containsExactly("Email opened by user@example.com");
        assertThat(spec001.stringifyIsBody()).isTrue();
        SpecSnippets.Answer spec003 = SpecSnippets.run(SpecSnippets.SPEC_003, V1_SECRET, List.of(toV1)).getFirst();
        assertThat(spec003.status()).as(spec003.body()).isEqualTo("200");
        assertThat(spec003.logs()).containsExactly("Event: opened");
        assertThat(spec003.stringifyIsBody()).isTrue();

        // the body as it went out before (Jackson's 15000.0, 1.0E21, keys as received), signed all the same: the
        // snippets refuse it, which is why every body is canonical now
        byte[] before = Json.write(Json.read(envelopeText(oddEvent(marker, createdAt), eventId), EventEnvelope.class));
        assertThat(new String(before, StandardCharsets.UTF_8)).contains("\"amount\":15000.0", "\"huge\":1.0E21");
        TestReceiver.Received jacksonWritten = signed(before, secret);
        assertThat(SpecSnippets.run(SpecSnippets.SPEC_001, secret, List.of(jacksonWritten)).getFirst().status()).isEqualTo("401");
        assertThat(SpecSnippets.run(SpecSnippets.SPEC_003, secret, List.of(jacksonWritten)).getFirst().status()).isEqualTo("401");
    }

    @Test
    void manualRetriesReplaysAndTestSendsSendTheSameCanonicalBytes() throws Exception {
        try (TestReceiver receiver = TestReceiver.start(500); TestReceiver replayed = TestReceiver.start()) {
            String marker = marker();
            Map<String, Object> onlyThis = Map.of("campaign_ids", List.of("camp_" + marker));
            JsonNode webhook = Tour.createWebhook(Map.of("url", receiver.url("/webhooks/penguinmails"), "events", List.of("email.opened"),
                    "retries_enabled", false, "filters", onlyThis));
            String id = webhook.get("id").asString();
            String secret = webhook.get("secret").asString();

            Instant createdAt = Instant.now().minus(Duration.ofMinutes(20)).truncatedTo(ChronoUnit.MILLIS);
            String eventId = publish(oddEvent(marker, createdAt));
            String deliveryId = Tour.awaitDelivery(id, "failed").get("id").asString();
            String expected = body(eventId, "email.opened", createdAt, marker);

            // sent again by hand: the event comes back from the event store
            call(TestStack.api().post().uri("/api/v1/platform/webhooks/{id}/deliveries/{d}/retry", id, deliveryId), HttpStatus.ACCEPTED);
            Tour.awaitDelivery(id, "delivered");
            List<TestReceiver.Received> live = receiver.received();
            assertThat(live).hasSize(2);

            // replayed from the event store to a webhook created afterwards
            JsonNode second = Tour.createWebhook(Map.of("url", replayed.url("/webhooks/penguinmails"), "events", List.of("email.opened"),
                    "filters", onlyThis));
            call(TestStack.api().post().uri("/api/v1/platform/webhooks/{id}/replays", second.get("id").asString())
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("from", createdAt.minusSeconds(1).toString(),
                            "to", createdAt.plusSeconds(1).toString(), "event_types", List.of("email.opened"))), HttpStatus.ACCEPTED);
            TestReceiver.Received replay = awaitEvent(replayed, eventId);

            // a test send whose custom data the caller wrote as oddly as the producer did
            String testSend = oddEvent(marker, createdAt).replaceFirst("\"type\" : \"email.opened\",\\s*\"created_at\" : \"[^\"]*\",",
                    "\"event_type\" : \"email.opened\", \"data_source\" : \"custom\",");
            JsonNode answer = call(TestStack.api().post().uri("/api/v1/platform/webhooks/{id}/test", id)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(testSend), HttpStatus.OK);
            TestReceiver.Received test = receiver.awaitRequests(3, Tour.WAIT).get(2);
            assertThat(answer.get("request").get("body").asString()).isEqualTo(test.bodyText());

            assertThat(live.get(0).bodyText()).isEqualTo(expected);
            assertThat(live.get(1).bodyText()).as("manual retry").isEqualTo(expected);
            assertThat(replay.bodyText()).as("replay").isEqualTo(expected);
            String testEventId = Json.mapper().readTree(test.body()).get("id").asString();
            Instant testCreatedAt = Instant.parse(Json.mapper().readTree(test.body()).get("created_at").asString());
            assertThat(test.bodyText()).as("test send").isEqualTo(body(testEventId, "email.opened", testCreatedAt, marker));

            assumeTrue(SpecSnippets.nodeRuns(), "node is not installed: the documents' snippets cannot run here");
            assertThat(SpecSnippets.run(SpecSnippets.SPEC_001, secret, List.of(live.get(0), live.get(1), test)))
                    .allSatisfy(verdict -> assertThat(verdict.status()).as(verdict.body()).isEqualTo("200"));
            assertThat(SpecSnippets.run(SpecSnippets.SPEC_001, second.get("secret").asString(), List.of(replay)))
                    .allSatisfy(verdict -> assertThat(verdict.status()).as(verdict.body()).isEqualTo("200"));
        }
    }

    @Test
    void refusesNumbersADoubleWouldChangeAndRepeatedKeysNamingTheFields() {
        String event = "{\"type\":\"email.opened\",\"data\":{\"email_id\":\"msg_1\",\"contact\":{\"email\":\"user@example.com\"},"
                + "\"order_id\":12345678901234567890,\"ratio\":0.1000000000000000000001}}";
        JsonNode problem = call(TestStack.ingest().post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON).bodyValue(event),
                HttpStatus.BAD_REQUEST);
        assertThat(problem.get("errors").valueStream().map(error -> error.get("field").asString()))
                .containsExactly("data.order_id", "data.ratio");
        // docs/api.md, "Canonical bodies", shows this answer
        assertThat(problem.get("title").asString()).isEqualTo("Invalid events");
        assertThat(problem.get("errors").get(0).get("reason").asString()).isEqualTo("an integer beyond JavaScript's safe range"
                + " (±9007199254740991): JSON.parse reads it as 12345678901234567000. Send it as a string to keep every digit.");
        assertThat(problem.get("errors").get(0).get("code").asString()).isEqualTo("invalid_field");
        assertThat(problem.get("errors").get(1).get("reason").asString()).contains("more digits than a double holds");

        JsonNode repeated = call(TestStack.ingest().post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"email.opened\",\"data\":{\"email_id\":\"msg_1\",\"contact\":{\"email\":\"a@example.com\","
                        + "\"email\":\"b@example.com\"}}}"), HttpStatus.BAD_REQUEST);
        assertThat(repeated.get("errors").get(0).get("field").asString()).isEqualTo("data.contact.email");
        assertThat(repeated.get("errors").get(0).get("reason").asString()).contains("appears twice");
    }

    /** The odd event with its marker and time filled in, as the producer's bytes. */
    private static String oddEvent(String marker, Instant createdAt) throws IOException {
        return resource("odd-event.json").replace("%MARKER%", marker).replace("%CREATED_AT%", createdAt.toString());
    }

    /** What every delivery of the odd event carries: the envelope, then JSON.stringify's form of the data. */
    private static String body(String eventId, String type, Instant createdAt, String marker) throws IOException {
        return "{\"id\":\"" + eventId + "\",\"type\":\"" + type + "\",\"created_at\":\"" + createdAt + "\",\"data\":"
                + resource("odd-event-data.stringify.json").replace("%MARKER%", marker) + "}";
    }

    /** The producer's text with the id ingest gave it, as the old path read it. */
    private static String envelopeText(String event, String eventId) {
        return event.replaceFirst("\\{", "{\"id\":\"" + eventId + "\",");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = CanonicalBodyIntegrationTests.class.getResourceAsStream("/canonical/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String publish(String event) {
        return call(TestStack.ingest().post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON).bodyValue(event),
                HttpStatus.ACCEPTED).get("ids").get(0).asString();
    }

    private static TestReceiver.Received awaitEvent(TestReceiver receiver, String eventId) {
        Awaitility.await().atMost(Tour.WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> receiver.received().stream().anyMatch(request -> request.bodyText().contains("\"" + eventId + "\"")));
        return receiver.received().stream().filter(request -> request.bodyText().contains("\"" + eventId + "\"")).findFirst().orElseThrow();
    }

    private static TestReceiver.Received signed(byte[] body, String secret) {
        String signature = hmac(secret, body);
        return new TestReceiver.Received(Map.of("x-penguinmails-signature", List.of(signature), "x-webhook-signature", List.of(signature)),
                body, Instant.now());
    }

    private static JsonNode call(org.springframework.test.web.reactive.server.WebTestClient.RequestHeadersSpec<?> request, HttpStatus status) {
        byte[] answer = request.exchange().expectStatus().isEqualTo(status).expectBody().returnResult().getResponseBody();
        return answer == null ? null : Json.mapper().readTree(answer);
    }

    private static String marker() {
        return "canon_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static String hmac(String secret, byte[] body) {
        return PenguinSignature.sign(secret, body);
    }
}
