package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.penguinmails.webhooks.model.ApiKeys;
import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;

/**
 * The per-key request rate: a key of its own with a rate of one request a second (set in the database, as an
 * operator would), so the shared demo key and the other tests keep the default rate.
 */
class RateLimitIntegrationTests {

    @Test
    void aKeyOverItsRateGets429WithRetryAfterWhileOtherKeysGoOn() throws Exception {
        String key = TestStack.newApiKey("ws_rate_" + UUID.randomUUID().toString().substring(0, 8));
        setOwnRate(key, 1);
        WebTestClient client = WebTestClient.bindToServer().responseTimeout(Tour.WAIT).baseUrl(TestStack.get().apiUrl())
                .defaultHeader("Authorization", "Bearer " + key).build();

        // one token, refilled once a second: a quick series runs out
        EntityExchangeResult<byte[]> limited = null;
        int allowed = 0;
        for (int i = 0; i < 20 && limited == null; i++) {
            EntityExchangeResult<byte[]> answer = client.get().uri("/api/v1/platform/workspace").exchange().expectBody().returnResult();
            if (answer.getStatus().value() == 429) {
                limited = answer;
            } else {
                assertThat(answer.getStatus().value()).isEqualTo(200);
                allowed++;
            }
        }
        assertThat(allowed).isGreaterThanOrEqualTo(1);
        assertThat(limited).as("a 429 within 20 requests at 1 request/s").isNotNull();
        assertThat(limited.getResponseHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(Long.parseLong(limited.getResponseHeaders().getFirst(HttpHeaders.RETRY_AFTER))).isEqualTo(1L);
        JsonNode problem = Json.mapper().readTree(limited.getResponseBody());
        assertThat(problem.get("status").asInt()).isEqualTo(429);
        assertThat(problem.get("title").asString()).isEqualTo("Too many requests");

        // other keys have buckets of their own; the documentation needs no key and no token
        TestStack.api().get().uri("/api/v1/platform/workspace").exchange().expectStatus().isOk();
        WebTestClient.bindToServer().responseTimeout(Tour.WAIT).baseUrl(TestStack.get().apiUrl()).build().get().uri("/v3/api-docs").exchange().expectStatus().isOk();

        // the key's rate is read on every request: raised, it is let through at once
        setOwnRate(key, 1000);
        client.get().uri("/api/v1/platform/workspace").exchange().expectStatus().isOk();
    }

    @Test
    void anUnknownKeyIs401NotRateLimited() {
        WebTestClient anonymous = WebTestClient.bindToServer().responseTimeout(Tour.WAIT).baseUrl(TestStack.get().apiUrl()).build();
        for (int i = 0; i < 3; i++) {
            anonymous.get().uri("/api/v1/platform/workspace").header("Authorization", "Bearer " + ApiKeys.generate())
                    .exchange().expectStatus().isUnauthorized();
        }
    }

    private static void setOwnRate(String key, int perSecond) throws Exception {
        try (Connection db = TestStack.database(); var update = db.prepareStatement("update api_keys set rate_limit_per_second = ? where key_hash = ?")) {
            update.setInt(1, perSecond);
            update.setString(2, ApiKeys.hash(key));
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
