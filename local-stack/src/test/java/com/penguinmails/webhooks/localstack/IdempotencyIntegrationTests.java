package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import com.penguinmails.webhooks.model.Json;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/** {@code Idempotency-Key} on webhook creation: a retried create returns the first answer, never a second webhook. */
class IdempotencyIntegrationTests {

    private static final String WEBHOOKS = "/api/v1/platform/webhooks";

    @Test
    void aRetryWithTheSameKeyAndBodyGetsTheFirstAnswerAndCreatesNothing() throws Exception {
        String name = unique();
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = body(name);
        var first = post(key, body).expectStatus().isCreated().expectHeader().doesNotExist("Idempotent-Replayed")
                .expectBody().returnResult();
        var again = post(key, body).expectStatus().isCreated().expectHeader().valueEquals("Idempotent-Replayed", "true")
                .expectBody().returnResult();
        JsonNode created = Json.mapper().readTree(first.getResponseBody());
        assertThat(Json.mapper().readTree(again.getResponseBody())).isEqualTo(created);
        assertThat(created.get("secret").asString()).startsWith("whsec_");
        // the same JSON written differently is the same request
        String reformatted = "{ \"events\" : [\"email.spam_reported\"],\n \"url\":\"https://example.com/idem\", \"status\": \"paused\", \"name\": \"" + name + "\" }";
        assertThat(Json.mapper().readTree(post(key, reformatted).expectStatus().isCreated().expectBody().returnResult().getResponseBody()))
                .isEqualTo(created);
        assertThat(webhooksNamed(name)).isEqualTo(1);
        // the kept answer carries the secret: it is stored encrypted
        try (Connection db = TestStack.database(); ResultSet rows = db.createStatement().executeQuery(
                "select encrypted_body from idempotency_keys where idempotency_key = '" + key + "'")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).doesNotContain(created.get("secret").asString()).doesNotContain(created.get("id").asString());
        }
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefusedWith422() {
        String key = UUID.randomUUID().toString();
        String name = unique();
        post(key, body(name)).expectStatus().isCreated();
        JsonNode problem = problem(post(key, body(name + " changed")), HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(problem.get("title").asString()).isEqualTo("Idempotency-Key reused");
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
        assertThat(webhooksNamed(name + " changed")).isZero();
    }

    @Test
    void aRefusedRequestLeavesTheKeyFreeForTheCorrectedOne() {
        String key = UUID.randomUUID().toString();
        String name = unique();
        problem(post(key, Map.of("name", name, "url", "not a url", "events", List.of("email.spam_reported"))), HttpStatus.BAD_REQUEST);
        post(key, body(name)).expectStatus().isCreated().expectHeader().doesNotExist("Idempotent-Replayed");
        assertThat(webhooksNamed(name)).isEqualTo(1);
    }

    @Test
    void refusesAnUnusableKey() {
        for (String bad : List.of("x".repeat(256), "has space", "tab\tkey")) {
            JsonNode problem = problem(post(bad, body(unique())), HttpStatus.BAD_REQUEST);
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
        }
    }

    @Test
    void concurrentDuplicatesCreateOneWebhook() {
        String key = UUID.randomUUID().toString();
        String name = unique();
        WebClient client = WebClient.builder().baseUrl(TestStack.get().apiUrl())
                .defaultHeader("Authorization", "Bearer " + TestStack.get().apiKey()).build();
        List<Map.Entry<Integer, String>> answers = Flux.range(0, 8)
                .flatMap(i -> client.post().uri(WEBHOOKS).header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(body(name)).exchangeToMono(response -> response.bodyToMono(String.class)
                                .map(text -> Map.entry(response.statusCode().value(), text))), 8)
                .collectList().block(Duration.ofSeconds(60));
        // each either got the one webhook (first or replayed) or was told the first is still in progress
        assertThat(answers).allSatisfy(answer -> assertThat(answer.getKey()).isIn(201, 409));
        List<String> ids = answers.stream().filter(answer -> answer.getKey() == 201)
                .map(answer -> Json.mapper().readTree(answer.getValue()).get("id").asString()).distinct().toList();
        assertThat(ids).hasSize(1);
        assertThat(webhooksNamed(name)).isEqualTo(1);
        // once done, every retry gets the answer
        assertThat(Json.mapper().readTree(post(key, body(name)).expectStatus().isCreated().expectBody().returnResult().getResponseBody())
                .get("id").asString()).isEqualTo(ids.getFirst());
    }

    @Test
    void keysAreScopedByWorkspaceAndExpire() throws Exception {
        String key = UUID.randomUUID().toString();
        String name = unique();
        String first = Json.mapper().readTree(post(key, body(name)).expectStatus().isCreated().expectBody().returnResult().getResponseBody())
                .get("id").asString();
        // another workspace may use the same key for its own request
        String otherKey = TestStack.newApiKey("ws_idem_" + UUID.randomUUID().toString().substring(0, 8));
        byte[] other = TestStack.client(TestStack.get().apiUrl()).post().uri(WEBHOOKS).header("Authorization", "Bearer " + otherKey)
                .header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON).bodyValue(body(name))
                .exchange().expectStatus().isCreated().expectHeader().doesNotExist("Idempotent-Replayed")
                .expectBody().returnResult().getResponseBody();
        assertThat(Json.mapper().readTree(other).get("id").asString()).isNotEqualTo(first);
        // after 24 hours the key is free again
        try (Connection db = TestStack.database()) {
            db.createStatement().executeUpdate("update idempotency_keys set expires_at = now() - interval '1 second' where idempotency_key = '" + key + "'");
        }
        String later = Json.mapper().readTree(post(key, body(name + " later")).expectStatus().isCreated()
                .expectHeader().doesNotExist("Idempotent-Replayed").expectBody().returnResult().getResponseBody()).get("id").asString();
        assertThat(later).isNotEqualTo(first);
    }

    private static String unique() {
        return "idem " + UUID.randomUUID();
    }

    private static Map<String, Object> body(String name) {
        return Map.of("name", name, "url", "https://example.com/idem", "events", List.of("email.spam_reported"), "status", "paused");
    }

    private static org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec post(String key, Object body) {
        return TestStack.api().post().uri(WEBHOOKS).header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    private static JsonNode problem(org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec response, HttpStatus status) {
        return Json.mapper().readTree(response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult().getResponseBody());
    }

    private static int webhooksNamed(String name) {
        byte[] page = TestStack.api().get().uri(uri -> uri.path(WEBHOOKS).queryParam("search", name).build()).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return (int) Json.mapper().readTree(page).get("data").valueStream().filter(w -> w.get("name").asString().equals(name)).count();
    }
}
