package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;

/**
 * Issue 23 item 7: a misspelt field is an error, not a silent default. The issue's own bodies, in a workspace of
 * their own so that "nothing was created" can be counted; the free-form parts (headers, payload conditions, a test
 * send's data) stay open.
 */
class UnknownFieldIntegrationTests {

    private static final String WEBHOOKS = "/api/v1/platform/webhooks";
    private static final String WORKSPACE = "ws_unknown_" + UUID.randomUUID().toString().substring(0, 8);

    private static WebTestClient api;

    @BeforeAll
    static void workspace() {
        api = TestStack.client(TestStack.get().apiUrl(), TestStack.newApiKey(WORKSPACE));
    }

    @Test
    void aMisspeltFilterAndTimeoutAreRefusedNamingTheFieldAndNothingIsCreated() {
        int before = webhooks();
        EntityExchangeResult<byte[]> answer = send(HttpMethod.POST, WEBHOOKS, """
                {"name": "CRM sync", "url": "https://crm.example.com/hooks", "events": ["email.opened"],
                 "filter": {"campaign_ids": ["camp_def456"]}, "timeout": 10}""");

        JsonNode problem = problem(answer);
        assertThat(problem.get("title").asString()).isEqualTo("Invalid request");
        assertThat(problem.get("detail").asString()).isEqualTo("\"filter\" is not a field; did you mean \"filters\"?");
        assertThat(problem.get("errors")).hasSize(1);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("filter");
        assertThat(problem.get("errors").get(0).get("reason").asString()).isEqualTo("\"filter\" is not a field; did you mean \"filters\"?");
        assertThat(webhooks()).isEqualTo(before);
    }

    @Test
    void theOpenApiExampleOfAnUnknownFieldIsTheRealAnswer() {
        JsonNode docs = Json.mapper().readTree(TestStack.client(TestStack.get().apiUrl()).get().uri("/v3/api-docs").exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
        JsonNode example = docs.at("/paths/~1api~1v1~1platform~1webhooks/post/responses/400/content/application~1problem+json/examples")
                .get("unknown field").get("value");
        tools.jackson.databind.node.ObjectNode answer = (tools.jackson.databind.node.ObjectNode) problem(send(HttpMethod.POST, WEBHOOKS, """
                {"name": "CRM sync", "url": "https://crm.example.com/hooks", "events": ["email.opened"],
                 "filter": {"campaign_ids": ["camp_def456"]}, "timeout": 10}"""));
        answer.remove("instance");
        assertThat(answer).isEqualTo(example);
    }

    @Test
    void theMisspeltTimeoutIsNamedWithTheFieldItWasMeantToBe() {
        JsonNode problem = problem(send(HttpMethod.POST, WEBHOOKS, """
                {"name": "CRM sync", "url": "https://crm.example.com/hooks", "events": ["email.opened"], "timeout": 10}"""));
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("timeout");
        assertThat(problem.get("errors").get(0).get("reason").asString())
                .isEqualTo("\"timeout\" is not a field; did you mean \"timeout_seconds\"?");
    }

    @Test
    void aNameLikeNoFieldIsRefusedWithoutASuggestion() {
        JsonNode problem = problem(send(HttpMethod.POST, WEBHOOKS, """
                {"name": "CRM sync", "url": "https://crm.example.com/hooks", "events": ["email.opened"], "zzqx": true}"""));
        assertThat(problem.get("errors").get(0).get("reason").asString()).isEqualTo("\"zzqx\" is not a field");
    }

    @Test
    void theV1ApiRefusesAMisspeltEventsField() {
        int before = v1Webhooks();
        JsonNode problem = problem(send(HttpMethod.POST, "/v1/webhooks", """
                {"url": "https://yourapp.com/webhooks/email", "evnts": ["delivered"]}"""));
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("evnts");
        assertThat(problem.get("errors").get(0).get("reason").asString()).isEqualTo("\"evnts\" is not a field; did you mean \"events\"?");
        assertThat(v1Webhooks()).isEqualTo(before);
    }

    @Test
    void aMisspeltFilterInsideFiltersIsNamedByItsPath() {
        int before = webhooks();
        JsonNode problem = problem(send(HttpMethod.POST, WEBHOOKS, """
                {"name": "CRM sync", "url": "https://crm.example.com/hooks", "events": ["email.opened"],
                 "filters": {"campain_id": ["camp_def456"]}}"""));
        assertThat(problem.get("errors")).hasSize(1);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("filters.campain_id");
        assertThat(problem.get("errors").get(0).get("reason").asString())
                .isEqualTo("\"campain_id\" is not a field; did you mean \"campaign_ids\"?");
        assertThat(webhooks()).isEqualTo(before);
    }

    @Test
    void aRefusedBodyDoesNotUseUpItsIdempotencyKey() {
        String key = UUID.randomUUID().toString();
        String name = "Idempotent " + key;
        problem(api.post().uri(WEBHOOKS).header("Idempotency-Key", key).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": \"" + name + "\", \"url\": \"https://example.com/h\", \"events\": [\"email.opened\"], \"filter\": {}}")
                .exchange().expectBody().returnResult());
        String corrected = "{\"name\": \"" + name + "\", \"url\": \"https://example.com/h\", \"events\": [\"email.opened\"], \"filters\": {}}";
        // the corrected body with the same key runs (no 422 for "another body", no replay of the 400)
        JsonNode created = Json.mapper().readTree(api.post().uri(WEBHOOKS).header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(corrected).exchange()
                .expectStatus().isCreated().expectHeader().doesNotExist("Idempotent-Replayed").expectBody().returnResult().getResponseBody());
        JsonNode again = Json.mapper().readTree(api.post().uri(WEBHOOKS).header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON).bodyValue(corrected).exchange()
                .expectStatus().isCreated().expectHeader().valueEquals("Idempotent-Replayed", "true").expectBody().returnResult().getResponseBody());
        assertThat(again.get("id")).isEqualTo(created.get("id"));
    }

    @Test
    void theFreeFormPartsOfABodyKeepTakingAnyName() throws Exception {
        try (TestReceiver receiver = TestReceiver.start()) {
            EntityExchangeResult<byte[]> created = send(HttpMethod.POST, WEBHOOKS, """
                    {"name": "Open parts", "url": "%s", "events": ["email.opened"], "status": "paused",
                     "headers": {"X-Zzqx-Anything": "one"}, "filters": {"payload": {"zzqx.nested_name": {"$exists": false}}}}"""
                    .formatted(receiver.url("/open")));
            assertThat(created.getStatus()).as(body(created)).isEqualTo(HttpStatus.CREATED);
            JsonNode webhook = Json.mapper().readTree(created.getResponseBody());
            assertThat(webhook.get("headers").get("X-Zzqx-Anything").asString()).isEqualTo("one");
            assertThat(webhook.get("filters").get("payload").has("zzqx.nested_name")).isTrue();

            EntityExchangeResult<byte[]> sent = send(HttpMethod.POST, WEBHOOKS + "/" + webhook.get("id").asString() + "/test", """
                    {"event_type": "email.opened", "data_source": "custom", "data": {"email_id": "msg_1", "zzqx": {"any_name": 1}}}""");
            assertThat(sent.getStatus()).as(body(sent)).isEqualTo(HttpStatus.OK);
            JsonNode request = Json.mapper().readTree(Json.mapper().readTree(sent.getResponseBody()).get("request").get("body").asString());
            assertThat(request.get("data").get("zzqx").get("any_name").asInt()).isEqualTo(1);
        }
    }

    private static EntityExchangeResult<byte[]> send(HttpMethod method, String path, String json) {
        return api.method(method).uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(json).exchange().expectBody().returnResult();
    }

    /** The answer as a 400 problem, never a 2xx. */
    static JsonNode problem(EntityExchangeResult<byte[]> answer) {
        assertThat(answer.getStatus()).as(body(answer)).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getResponseHeaders().getContentType()).isNotNull();
        assertThat(answer.getResponseHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        JsonNode problem = Json.mapper().readTree(answer.getResponseBody());
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        return problem;
    }

    private static String body(EntityExchangeResult<byte[]> answer) {
        return answer.getResponseBody() == null ? "" : new String(answer.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static int webhooks() {
        return Json.mapper().readTree(api.get().uri(WEBHOOKS + "?limit=100").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody()).get("data").size();
    }

    private static int v1Webhooks() {
        return Json.mapper().readTree(api.get().uri("/v1/webhooks").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody()).get("data").size();
    }
}
