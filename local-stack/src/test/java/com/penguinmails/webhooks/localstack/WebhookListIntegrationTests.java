package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.util.UriBuilder;

import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;

/**
 * Listing webhooks and deliveries: filters by status, event type and a case-insensitive search of name and URL, and
 * cursor pages in the style of Stripe. Each test marks its webhooks with a unique word and searches for it, as the
 * stack is shared with the other tests; they subscribe to event types no other test publishes, or are paused.
 */
class WebhookListIntegrationTests {

    private static final String WEBHOOKS = "/api/v1/platform/webhooks";

    @Test
    void pagesThroughWebhooksNewestFirstWithoutRepeatsOrGaps() {
        String marker = marker();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(create("Page " + marker + " " + i, "https://example.com/" + i, "email.spam_reported", "paused"));
        }
        List<String> newestFirst = created.reversed();

        JsonNode first = list(uri -> uri.queryParam("search", marker).queryParam("limit", 2));
        assertThat(ids(first)).containsExactlyElementsOf(newestFirst.subList(0, 2));
        assertThat(first.get("has_more").asBoolean()).isTrue();
        JsonNode second = list(uri -> uri.queryParam("search", marker).queryParam("limit", 2)
                .queryParam("cursor", first.get("next_cursor").asString()));
        assertThat(ids(second)).containsExactlyElementsOf(newestFirst.subList(2, 4));
        assertThat(second.get("has_more").asBoolean()).isTrue();
        JsonNode last = list(uri -> uri.queryParam("search", marker).queryParam("limit", 2)
                .queryParam("cursor", second.get("next_cursor").asString()));
        assertThat(ids(last)).containsExactly(newestFirst.get(4));
        assertThat(last.get("has_more").asBoolean()).isFalse();
        assertThat(last.get("next_cursor").isNull()).isTrue();

        // exactly a page's worth: no further page is promised
        JsonNode whole = list(uri -> uri.queryParam("search", marker).queryParam("limit", 5));
        assertThat(ids(whole)).containsExactlyElementsOf(newestFirst);
        assertThat(whole.get("has_more").asBoolean()).isFalse();
    }

    @Test
    void defaultsToTwentyWebhooksAPage() {
        String marker = marker();
        for (int i = 0; i < 21; i++) {
            create(marker + "-" + i, "https://example.com/d", "email.spam_reported", "paused");
        }
        JsonNode page = list(uri -> uri.queryParam("search", marker));
        assertThat(page.get("data").size()).isEqualTo(20);
        assertThat(page.get("has_more").asBoolean()).isTrue();
    }

    @Test
    void searchesNameAndUrlIgnoringCaseAndTakesWildcardsLiterally() {
        String marker = marker();
        String byName = create("CRM Sync " + marker.toUpperCase(), "https://example.com/a", "email.spam_reported", "paused");
        String byUrl = create("Other", "https://hooks.example.com/" + marker + "/in", "email.spam_reported", "paused");
        String percent = create("100%_off " + marker, "https://example.com/b", "email.spam_reported", "paused");

        assertThat(ids(list(uri -> uri.queryParam("search", marker)))).containsExactlyInAnyOrder(byName, byUrl, percent);
        assertThat(ids(list(uri -> uri.queryParam("search", "crm sync " + marker)))).containsExactly(byName);
        assertThat(ids(list(uri -> uri.queryParam("search", "/" + marker.toUpperCase() + "/")))).containsExactly(byUrl);
        assertThat(ids(list(uri -> uri.queryParam("search", "%_off " + marker)))).containsExactly(percent);
        // '_' and '%' are not wildcards: "100__off" would match "100%_off" if they were
        assertThat(ids(list(uri -> uri.queryParam("search", "100__off " + marker)))).isEmpty();
    }

    @Test
    void filtersByStatusAndByTheEventTypesAWebhookReceives() {
        String marker = marker();
        String opened = create(marker + " spam", "https://example.com/o", "email.spam_reported", "active");
        String allEmail = create(marker + " email", "https://example.com/e", "email.*", "paused");
        String campaign = create(marker + " campaign", "https://example.com/c", "campaign.launched", "paused");

        assertThat(ids(list(uri -> uri.queryParam("search", marker).queryParam("status", "active")))).containsExactly(opened);
        assertThat(ids(list(uri -> uri.queryParam("search", marker).queryParam("status", "paused"))))
                .containsExactlyInAnyOrder(allEmail, campaign);
        assertThat(ids(list(uri -> uri.queryParam("search", marker).queryParam("status", "disabled")))).isEmpty();
        assertThat(ids(list(uri -> uri.queryParam("search", marker).queryParam("event_type", "email.spam_reported"))))
                .containsExactlyInAnyOrder(opened, allEmail);
        assertThat(ids(list(uri -> uri.queryParam("search", marker).queryParam("event_type", "email.clicked"))))
                .containsExactly(allEmail);
        assertThat(ids(list(uri -> uri.queryParam("search", marker).queryParam("event_type", "email.*"))))
                .containsExactlyInAnyOrder(opened, allEmail);
        assertThat(ids(list(uri -> uri.queryParam("search", marker).queryParam("event_type", "campaign.launched")
                .queryParam("status", "paused")))).containsExactly(campaign);
    }

    @Test
    void refusesBadFiltersAndPagesNamingTheField() {
        assertRefused(WEBHOOKS + "?status=maybe", Map.of("status", "active, paused, disabled"));
        assertRefused(WEBHOOKS + "?event_type=email.teleported", Map.of("event_type", "Unknown event type 'email.teleported'"));
        assertRefused(WEBHOOKS + "?limit=0", Map.of("limit", "between 1 and 100"));
        assertRefused(WEBHOOKS + "?limit=101", Map.of("limit", "between 1 and 100"));
        assertRefused(WEBHOOKS + "?limit=ten", Map.of("limit", "between 1 and 100"));
        assertRefused(WEBHOOKS + "?cursor=not-a-cursor", Map.of("cursor", "next_cursor"));
        assertRefused(WEBHOOKS + "?search=" + "x".repeat(201), Map.of("search", "at most 200"));
        // every bad parameter at once
        assertRefused(WEBHOOKS + "?status=maybe&limit=-1&cursor=Zm9v", Map.of("status", "active", "limit", "between", "cursor", "next_cursor"));
    }

    @Test
    void pagesThroughAWebhooksDeliveries() {
        String marker = marker();
        // paused: each matching event is recorded as a skipped delivery, nothing is sent
        String id = create(marker, "https://example.com/deliveries", "contact.created", "paused");
        for (int i = 0; i < 3; i++) {
            Tour.publish(Map.of("type", "contact.created", "data", Map.of("contact_id", "ct_" + marker + i, "email", "p" + i + "@example.com")));
        }
        Awaitility.await().atMost(Tour.WAIT).until(() -> Tour.deliveries(id).size() >= 3);
        JsonNode all = page("/api/v1/platform/webhooks/" + id + "/deliveries?limit=200");
        assertThat(all.get("has_more").asBoolean()).isFalse();
        List<String> expected = ids(all);

        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = page("/api/v1/platform/webhooks/" + id + "/deliveries?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            assertThat(page.get("data").size()).isBetween(1, 2);
            paged.addAll(ids(page));
            cursor = page.get("has_more").asBoolean() ? page.get("next_cursor").asString() : null;
            pages++;
        } while (cursor != null && pages < 10);
        assertThat(paged).containsExactlyElementsOf(expected);
        assertThat(pages).isEqualTo((expected.size() + 1) / 2);

        assertRefused("/api/v1/platform/webhooks/" + id + "/deliveries?limit=201", Map.of("limit", "between 1 and 200"));
        assertRefused("/api/v1/platform/webhooks/" + id + "/deliveries?cursor=%25%25", Map.of("cursor", "next_cursor"));
    }

    private static String marker() {
        return "m" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static String create(String name, String url, String eventType, String status) {
        return Tour.createWebhook(Map.of("name", name, "url", url, "events", List.of(eventType), "status", status)).get("id").asString();
    }

    private static JsonNode list(Function<UriBuilder, UriBuilder> query) {
        byte[] body = TestStack.api().get().uri(uri -> query.apply(uri.path(WEBHOOKS)).build()).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return Json.mapper().readTree(body);
    }

    private static JsonNode page(String uri) {
        byte[] body = TestStack.api().get().uri(uri).exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return Json.mapper().readTree(body);
    }

    private static List<String> ids(JsonNode page) {
        return page.get("data").valueStream().map(item -> item.get("id").asString()).toList();
    }

    private static void assertRefused(String uri, Map<String, String> reasonsByField) {
        byte[] body = TestStack.api().get().uri(uri).exchange().expectStatus().isEqualTo(HttpStatus.BAD_REQUEST)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().returnResult().getResponseBody();
        Map<String, String> reasons = new HashMap<>();
        Json.mapper().readTree(body).get("errors").valueStream()
                .forEach(error -> reasons.put(error.get("field").asString(), error.get("reason").asString()));
        assertThat(reasons.keySet()).as("fields refused for %s", uri).containsExactlyInAnyOrderElementsOf(reasonsByField.keySet());
        reasonsByField.forEach((field, part) -> assertThat(reasons.get(field)).contains(part));
    }
}
