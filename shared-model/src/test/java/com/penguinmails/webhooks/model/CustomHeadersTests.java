package com.penguinmails.webhooks.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class CustomHeadersTests {

    @Test
    void allowsAuthorizationAndXHeaders() {
        assertThat(CustomHeaders.problems(Map.of("Authorization", "Bearer abc", "X-Api-Key", "k1", "x-tenant", "acme"))).isEmpty();
        assertThat(CustomHeaders.problems(null)).isEmpty();
    }

    @Test
    void refusesHeadersThatFrameTheRequestOrCarryOurSignatures() {
        for (String name : new String[] {"Host", "Content-Type", "Content-Length", "User-Agent", "webhook-signature",
                "X-PenguinMails-Signature", "x-penguinmails-delivery-id", "X-Webhook-Signature"}) {
            assertThat(CustomHeaders.problems(Map.of(name, "v")))
                    .as(name).singleElement()
                    .satisfies(problem -> {
                        assertThat(problem.field()).isEqualTo("headers." + name);
                        assertThat(problem.reason()).contains("cannot be set");
                    });
        }
    }

    @Test
    void refusesBadNamesBadValuesAndTooMany() {
        assertThat(CustomHeaders.problems(Map.of("X Bad", "v")).getFirst().reason()).startsWith("Header names are 1 to 64");
        assertThat(CustomHeaders.problems(Map.of("X-" + "a".repeat(63), "v")).getFirst().reason()).startsWith("Header names are 1 to 64");
        assertThat(CustomHeaders.problems(Map.of("X-A", "line\r\nX-Injected: 1")).getFirst().reason()).contains("no line breaks");
        assertThat(CustomHeaders.problems(Map.of("X-A", "")).getFirst().reason()).isEqualTo("Header values are 1 to 1024 characters.");
        assertThat(CustomHeaders.problems(Map.of("X-A", "v".repeat(1025))).getFirst().reason()).isEqualTo("Header values are 1 to 1024 characters.");
        Map<String, String> eleven = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            eleven.put("X-H" + i, "v");
        }
        assertThat(CustomHeaders.problems(eleven)).extracting(CustomHeaders.Problem::field).containsExactly("headers");
        Map<String, String> twice = new LinkedHashMap<>();
        twice.put("X-A", "1");
        twice.put("x-a", "2");
        assertThat(CustomHeaders.problems(twice)).extracting(CustomHeaders.Problem::reason).containsExactly("Header 'x-a' is given twice (names ignore case).");
    }

    @Test
    void redactsTheAuthorizationValueOnly() {
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("authorization", "Bearer secret-token");
        sent.put("X-Tenant", "acme");
        assertThat(CustomHeaders.redacted(sent)).containsEntry("authorization", "[redacted]").containsEntry("X-Tenant", "acme");
    }
}
