package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;

/**
 * The SSRF bypass table (issue #12) at the running API: creating or changing a webhook (both APIs) to point at an
 * internal address in any spelling answers 400 with a ProblemDetail naming {@code url}, and saves nothing. The local
 * stack allows plain loopback (its receivers live there), so the table leaves {@code localhost} and 127.0.0.1 out;
 * {@code WebhookValidatorTests} has them refused with the production setting, and {@code SsrfTableIntegrationTests}
 * (dispatcher) refuses all of them at connect time.
 */
class SsrfIntegrationTests {

    /**
     * A workspace and key of its own, without a rate limit: the table sends about a hundred writes in a few seconds,
     * which would use up the demo key's budget and fail the tests that run next with 429.
     */
    private static org.springframework.test.web.reactive.server.WebTestClient api;

    @org.junit.jupiter.api.BeforeAll
    static void workspace() throws Exception {
        String workspace = "ws_ssrf_" + java.util.UUID.randomUUID().toString().substring(0, 8);
        String key = TestStack.newUnthrottledApiKey(workspace);
        api = org.springframework.test.web.reactive.server.WebTestClient.bindToServer().baseUrl(TestStack.get().apiUrl())
                .responseTimeout(java.time.Duration.ofSeconds(30)).defaultHeader("Authorization", "Bearer " + key).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://2130706433/", "https://0177.0.0.1/", "https://0x7f000001/", "https://127.1/",
            "https://[::ffff:a9fe:a9fe]/", "https://[fe80::1]/", "https://[fd00:ec2::254]/latest/meta-data/", "https://0.0.0.0/",
            "https://169.254.169.254/latest/meta-data/", "https://[::ffff:169.254.169.254]/", "https://10.0.0.1/",
            "https://192.168.1.1/", "https://metadata.google.internal/computeMetadata/v1/", "https://api.localhost/"})
    void refusesInternalTargetsOnEveryWebhookWriteAndSavesNothing(String url) {
        String webhook = read(api.post().uri("/api/v1/platform/webhooks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "SSRF table", "url", "https://example.com/ok", "events", List.of("email.opened"))).exchange()
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody()).get("id").asString();
        String v1 = read(api.post().uri("/v1/webhooks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", "https://example.com/v1", "events", List.of("delivered"))).exchange()
                .expectStatus().isCreated().expectBody().returnResult().getResponseBody()).get("id").asString();
        List<Object[]> writes = List.of(
                new Object[] {HttpMethod.POST, "/api/v1/platform/webhooks", Map.of("name", "x", "url", url, "events", List.of("email.opened"))},
                new Object[] {HttpMethod.PUT, "/api/v1/platform/webhooks/" + webhook, Map.of("name", "x", "url", url, "events", List.of("email.opened"))},
                new Object[] {HttpMethod.PATCH, "/api/v1/platform/webhooks/" + webhook, Map.of("url", url)},
                new Object[] {HttpMethod.POST, "/v1/webhooks", Map.of("url", url, "events", List.of("delivered"))},
                new Object[] {HttpMethod.PUT, "/v1/webhooks/" + v1, Map.of("url", url)});
        for (Object[] write : writes) {
            byte[] answer = api.method((HttpMethod) write[0]).uri((String) write[1]).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(write[2]).exchange().expectStatus().isBadRequest()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().returnResult().getResponseBody();
            JsonNode error = read(answer).get("errors").get(0);
            assertThat(error.get("field").asString()).as("%s %s", write[0], write[1]).isEqualTo("url");
            assertThat(error.get("reason").asString()).contains("internal");
        }
        assertThat(read(api.get().uri("/api/v1/platform/webhooks/{id}", webhook).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody()).get("url").asString()).isEqualTo("https://example.com/ok");
        assertThat(read(api.get().uri("/v1/webhooks/{id}", v1).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody()).get("url").asString()).isEqualTo("https://example.com/v1");
    }

    private static JsonNode read(byte[] body) {
        return Json.mapper().readTree(body);
    }
}
