package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;

/** Bad input to event ingest: a clear problem naming the field, and nothing of the request published. */
class IngestErrorIntegrationTests {

    @Test
    void refusesMissingOrUnknownApiKeysWith401() {
        WebTestClient anonymous = WebTestClient.bindToServer().responseTimeout(Tour.WAIT).baseUrl(TestStack.get().ingestUrl()).build();
        anonymous.post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON).bodyValue(event("email.opened"))
                .exchange().expectStatus().isUnauthorized()
                .expectHeader().valueEquals("WWW-Authenticate", "Bearer")
                .expectBody().jsonPath("$.title").isEqualTo("Unauthorized");
        anonymous.post().uri("/api/v1/events").header("Authorization", "Bearer pm_not-a-real-key")
                .contentType(MediaType.APPLICATION_JSON).bodyValue(event("email.opened"))
                .exchange().expectStatus().isUnauthorized();
    }

    @Test
    void refusesMalformedJsonNamingTheBody() {
        JsonNode problem = post("{\"type\": \"email.opened\", ", HttpStatus.BAD_REQUEST);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("body");
        assertThat(problem.get("errors").get(0).get("reason").asString()).startsWith("malformed JSON");
    }

    @Test
    void refusesAnUnknownTypeNamingItAndListingTheKnownOnes() {
        JsonNode problem = post(Json.writeString(event("email.teleported")), HttpStatus.BAD_REQUEST);
        JsonNode error = problem.get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("type");
        assertThat(error.get("reason").asString()).contains("email.teleported", "email.opened", "contact.unsubscribed");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
    }

    @Test
    void refusesMissingTypeAndDataAndBadIdsFieldByField() {
        JsonNode problem = post("[{\"data\":{}}, {\"type\":\"email.opened\"}, {\"type\":\"email.opened\",\"data\":[1]},"
                + " {\"type\":\"email.sending\",\"data\":{\"email_id\":\"m\"},\"id\":\"abc\",\"created_at\":\"yesterday\"}, 7]", HttpStatus.BAD_REQUEST);
        List<String> fields = problem.get("errors").valueStream().map(e -> e.get("field").asString()).toList();
        assertThat(fields).containsExactly("[0].type", "[1].data", "[2].data", "[3].id", "[3].created_at", "[4]");
    }

    @Test
    void refusesBatchesOverFiveHundredEventsAndBodiesOverOneMebibyte() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 501; i++) {
            batch.add(event("email.opened"));
        }
        JsonNode tooMany = post(Json.writeString(batch), HttpStatus.CONTENT_TOO_LARGE);
        assertThat(tooMany.get("detail").asString()).contains("500");
        String big = Json.writeString(Map.of("type", "email.opened", "data", Map.of("blob", "x".repeat(1024 * 1024))));
        JsonNode tooBig = post(big, HttpStatus.CONTENT_TOO_LARGE);
        assertThat(tooBig.get("errors").get(0).get("field").asString()).isEqualTo("body");
    }

    @Test
    void publishesNothingFromARejectedBatch() throws Exception {
        try (TestReceiver receiver = TestReceiver.start()) {
            String webhookId = Tour.createWebhook(Map.of("url", receiver.url("/batch"), "events", List.of("contact.created")))
                    .get("id").asString();
            // one valid event and one invalid: the whole batch is refused
            post(Json.writeString(List.of(Map.of("type", "contact.created", "id", "evt_rejected_batch", "data", Map.of("contact_id", "c", "email", "c@example.com")),
                    Map.of("type", "contact.nope", "data", Map.of()))), HttpStatus.BAD_REQUEST);
            // A marker published afterwards goes to the same topic partition (same workspace key), so once it has
            // arrived anything published before it would have arrived first.
            String marker = Tour.publish(Map.of("type", "contact.created", "data", Map.of("contact_id", "c", "email", "c@example.com", "marker", true))).getFirst();
            List<TestReceiver.Received> received = receiver.awaitRequests(1, Duration.ofSeconds(30));
            assertThat(received).hasSize(1);
            assertThat(Json.mapper().readTree(received.getFirst().body()).get("id").asString()).isEqualTo(marker);
            assertThat(Tour.awaitDelivery(webhookId, "delivered").get("event_id").asString()).isEqualTo(marker);
            assertThat(receiver.received()).hasSize(1);
        }
    }

    @Test
    void acceptsABatchAndKeepsCallerIdsAndTimestamps() {
        List<String> ids = Tour.publish(List.of(
                Map.of("type", "email.sending", "id", "evt_caller_chosen_1", "created_at", "2025-11-25T14:30:00Z", "data", Map.of("email_id", "m")),
                event("email.sending")));
        assertThat(ids).hasSize(2);
        assertThat(ids.getFirst()).isEqualTo("evt_caller_chosen_1");
        assertThat(ids.get(1)).startsWith("evt_").hasSize(30);
    }

    @Test
    void answers429WithRetryAfterOverTheKeysRateAndAcceptsAgainAfterIt() {
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            batch.add(Map.of("type", "campaign.launched", "data", Map.of("campaign_id", "camp_" + i)));
        }
        // the default limit is 1,000 events/s with bursts of one second's worth: the third batch of 500 in a row is over
        // (on a loaded machine a batch can take long enough to refill the bucket, so a few more are allowed)
        String retryAfter = null;
        for (int i = 0; i < 10 && retryAfter == null; i++) {
            var result = TestStack.ingest().post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(batch).exchange().returnResult(byte[].class);
            if (result.getStatus().value() == 429) {
                retryAfter = result.getResponseHeaders().getFirst("Retry-After");
                assertThat(Json.mapper().readTree(result.getResponseBodyContent()).get("title").asString()).isEqualTo("Too many events");
            } else {
                assertThat(result.getStatus().value()).isEqualTo(202);
            }
        }
        assertThat(retryAfter).isNotNull().matches("[1-9][0-9]*");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> TestStack.ingest().post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(batch).exchange().returnResult(byte[].class).getStatus().value() == 202);
    }

    private static Map<String, Object> event(String type) {
        return Map.of("type", type, "data", Map.of("email_id", "msg_1"));
    }

    private static JsonNode post(String body, HttpStatus expected) {
        byte[] answer = TestStack.ingest().post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange().expectStatus().isEqualTo(expected)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult().getResponseBody();
        return Json.mapper().readTree(answer);
    }
}
