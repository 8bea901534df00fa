package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;

/**
 * Spec 001, word for word: "Retry #1: After 1 minute, Retry #2: After 5 minutes, Retry #3: After 15 minutes, Retry
 * #4: After 1 hour, Retry #5: After 24 hours. After 5 failed attempts: - Mark webhook as "failing" - Send email
 * notification to admin". A stack of its own runs the product's default retry schedule on a clock the test moves on,
 * so the signal is checked at the real schedule without waiting for it: failing comes with the fifth failed attempt,
 * whether those are five deliveries' first attempts or one delivery's first attempt and four retries.
 */
class HealthScheduleIntegrationTests {

    /** "Within seconds" of the fifth failed attempt: management-api reads the attempts topic in batches. */
    private static final Duration SIGNAL_WAIT = Duration.ofSeconds(15);

    private static final MovableClock clock = new MovableClock();
    private static LocalStack stack;
    private static WebTestClient api;
    private static WebTestClient ingest;

    @BeforeAll
    static void startStackOnAMovableClock() throws Exception {
        stack = LocalStack.start(new LocalStackOptions(Files.createTempDirectory("health-schedule"), TestStack.freePort(),
                TestStack.freePort(), TestStack.freePort(), TestStack.freePort(), TestStack.freePort(), TestStack.freePort(),
                TestStack.freePort(), null, null, 3), null, clock);
        api = TestStack.client(stack.apiUrl(), stack.apiKey());
        ingest = TestStack.client(stack.ingestUrl(), stack.apiKey());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void sixEventsToAnEndpointAnswering500MakeItFailingWithinSecondsOfTheFifthFailedAttempt() throws Exception {
        try (TestReceiver dead = TestReceiver.start(Collections.nCopies(1000, 500).toArray(Integer[]::new));
             TestReceiver operations = TestReceiver.start()) {
            String id = createWebhook(dead.url("/dead"));
            createSystemEventsWebhook(operations.url("/ops"), id);
            assertThat(webhook(id).get("failing").asBoolean()).isFalse();

            for (int i = 0; i < 6; i++) {
                publish(event(i));
            }
            dead.awaitRequests(5, Tour.WAIT);
            Awaitility.await().atMost(SIGNAL_WAIT).untilAsserted(() ->
                    assertThat(webhook(id).get("failing").asBoolean()).as("webhook %s", webhook(id)).isTrue());
            // no retry was due yet (the clock has not moved): five first attempts made it failing
            assertThat(dead.received()).hasSize(6);
            JsonNode failing = webhook(id);
            assertThat(failing.get("status").asString()).isEqualTo("active");
            assertThat(failing.get("consecutive_failures").asInt()).isBetween(5, 6);
            // the dashboard's badge and the overview's "Failing webhooks" card say the same
            String overview = dashboardOverview();
            Matcher badge = Pattern.compile("id=\"card-" + id + "\".*?data-badge[^>]*>([^<]+)<", Pattern.DOTALL).matcher(overview);
            assertThat(badge.find()).as("the webhook's card").isTrue();
            assertThat(badge.group(1)).isEqualTo("Failing");
            Matcher card = Pattern.compile("id=\"stat-failing\"[^>]*>(\\d+)<").matcher(overview);
            assertThat(card.find()).as("the Failing webhooks card").isTrue();
            assertThat(Integer.parseInt(card.group(1))).isEqualTo(failingWebhooks());

            JsonNode event = Json.mapper().readTree(operations.awaitRequests(1, Tour.WAIT).getFirst().body());
            assertThat(event.get("type").asString()).isEqualTo("webhook.failing");
            assertThat(event.get("data").get("webhook_id").asString()).isEqualTo(id);
            assertThat(event.get("data").get("consecutive_failures").asInt()).isEqualTo(5);
            assertThat(event.get("data").get("last_status_code").asInt()).isEqualTo(500);
            LocalMail.Message mail = HealthIntegrationTests.awaitOneMail(stack, "Webhook failing: " + dead.url("/dead"));
            assertThat(mail.to()).containsExactly(LocalStackOptions.DEMO_ADMIN_EMAIL);
            assertThat(mail.body()).contains(id).contains("5 attempts in a row").contains("HTTP 500");
            assertThat(operations.received()).as("announced once per episode").hasSize(1);
        }
    }

    @Test
    void aSingleEventMakesItFailingAfterItsFifthAttemptAtTheDefaultSchedule() throws Exception {
        try (TestReceiver dead = TestReceiver.start(Collections.nCopies(1000, 500).toArray(Integer[]::new))) {
            String id = createWebhook(dead.url("/single"));
            publish(event(100));
            // the first attempt at once, then retries after 1 minute, 5 minutes, 15 minutes and 1 hour (each ± 10 %)
            List<Duration> retries = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1));
            for (int attempt = 1; attempt <= 5; attempt++) {
                if (attempt > 1) {
                    Duration delay = retries.get(attempt - 2);
                    assertThat(dead.received()).as("no retry before its time").hasSize(attempt - 1);
                    clock.advance(delay.plus(delay.dividedBy(5)));
                }
                dead.awaitRequests(attempt, Tour.WAIT);
                int sent = attempt;
                Awaitility.await().atMost(SIGNAL_WAIT).untilAsserted(() -> assertThat(attempts(id)).isEqualTo(sent));
                if (attempt < 5) {
                    assertThat(webhook(id).get("failing").asBoolean()).as("after %d failed attempts", attempt).isFalse();
                    assertThat(webhook(id).get("consecutive_failures").asInt()).isEqualTo(attempt);
                }
            }
            Awaitility.await().atMost(SIGNAL_WAIT).untilAsserted(() ->
                    assertThat(webhook(id).get("failing").asBoolean()).as("after its fifth failed attempt").isTrue());
            assertThat(dead.received()).hasSize(5);
            assertThat(HealthIntegrationTests.awaitOneMail(stack, "Webhook failing: " + dead.url("/single")).body()).contains("5 attempts in a row");
            assertThat(webhook(id).get("status").asString()).isEqualTo("active");
        }
    }

    /** The overview page as the demo admin sees it, signed in over HTTP. */
    private static String dashboardOverview() {
        WebTestClient http = WebTestClient.bindToServer().baseUrl(stack.apiUrl()).responseTimeout(Tour.WAIT).build();
        String session = DashboardHttp.signIn(http, stack.dashboardEmail(), stack.dashboardPassword())
                .getResponseCookies().getFirst(DashboardHttp.COOKIE).getValue();
        byte[] page = http.get().uri("/dashboard/settings/webhooks").cookie(DashboardHttp.COOKIE, session).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return new String(page, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** How many of the workspace's webhooks the API shows failing. */
    private static int failingWebhooks() {
        JsonNode list = Json.mapper().readTree(api.get().uri("/api/v1/platform/webhooks?limit=100").exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody()).get("data");
        return (int) list.valueStream().filter(w -> webhook(w.get("id").asString()).get("failing").asBoolean()).count();
    }

    private static String createWebhook(String url) {
        return post(api, "/api/v1/platform/webhooks", Map.of("name", "Health", "url", url,
                "events", List.of("contact.updated"))).get("id").asString();
    }

    private static void createSystemEventsWebhook(String url, String watched) {
        post(api, "/api/v1/platform/webhooks", Map.of("name", "Operations", "url", url, "events", List.of("system.*"),
                "filters", Map.of("payload", Map.of("webhook_id", watched))));
    }

    private static void publish(Map<String, Object> event) {
        ingest.post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON).bodyValue(event).exchange()
                .expectStatus().isAccepted();
    }

    private static JsonNode post(WebTestClient client, String path, Object body) {
        return Json.mapper().readTree(client.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectStatus().is2xxSuccessful().expectBody().returnResult().getResponseBody());
    }

    private static JsonNode webhook(String id) {
        return Json.mapper().readTree(api.get().uri("/api/v1/platform/webhooks/{id}", id).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
    }

    /** The attempts of the webhook's one delivery, as the delivery log shows them. */
    private static int attempts(String id) {
        JsonNode deliveries = Json.mapper().readTree(api.get().uri("/api/v1/platform/webhooks/{id}/deliveries", id).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody()).get("data");
        return deliveries.isEmpty() ? 0 : deliveries.get(0).get("attempts").asInt();
    }

    private static Map<String, Object> event(int i) {
        return Map.of("type", "contact.updated", "data", Map.of("contact_id", "cont_s" + i, "changed_fields", List.of("tags")));
    }
}
