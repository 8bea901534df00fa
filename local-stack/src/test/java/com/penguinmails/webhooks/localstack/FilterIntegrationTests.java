package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;

/** Webhook filters end to end: category wildcards, campaign and tag filters, payload operators, and bad filters. */
class FilterIntegrationTests {

    @Test
    void deliversOnlyWhatTheFiltersLetThrough() throws Exception {
        try (TestReceiver wildcard = TestReceiver.start(); TestReceiver vipClicks = TestReceiver.start();
             TestReceiver marker = TestReceiver.start()) {
            Tour.createWebhook(Map.of("url", wildcard.url("/all-email"), "events", List.of("email.*"),
                    "filters", Map.of("campaign_ids", List.of("camp_filter"))));
            Tour.createWebhook(Map.of("url", vipClicks.url("/vip"), "events", List.of("email.clicked"),
                    "filters", Map.of("contact_tags", Map.of("any", List.of("vip")),
                            "payload", Map.of("url", Map.of("$regex", "^https://shop\\.")))));
            String markerId = Tour.createWebhook(Map.of("url", marker.url("/m"), "events", List.of("email.sending")))
                    .get("id").asString();

            Tour.publish(List.of(
                    clicked("camp_filter", List.of("vip"), "https://shop.example.com/a"),   // both
                    clicked("camp_other", List.of("vip"), "https://shop.example.com/b"),    // vip only
                    clicked("camp_filter", List.of("basic"), "https://shop.example.com/c"), // wildcard only
                    clicked("camp_other", List.of("vip"), "https://blog.example.com/d"),    // neither
                    Map.of("type", "email.sending", "data", Map.of("email_id", "m", "campaign_id", "camp_filter"))));
            // the marker webhook's delivery is logged after the same dispatch of the batch's last event
            Tour.awaitDelivery(markerId, "delivered");
            wildcard.awaitRequests(3, Tour.WAIT);
            vipClicks.awaitRequests(2, Tour.WAIT);
            assertThat(urls(wildcard)).containsExactlyInAnyOrder("https://shop.example.com/a", "https://shop.example.com/c", null);
            assertThat(urls(vipClicks)).containsExactlyInAnyOrder("https://shop.example.com/a", "https://shop.example.com/b");
        }
    }

    @Test
    void everyPayloadOperatorLetsThroughExactlyTheEventsItShould() throws Exception {
        // three clicks: A (1 click, shop, mobile), B (5 clicks, blog, no device), C (10 clicks, shop, desktop)
        Map<String, Object> a = click("https://shop.example.com/ops-a", 1, "mobile");
        Map<String, Object> b = click("https://blog.example.com/ops-b", 5, null);
        Map<String, Object> c = click("https://shop.example.com/ops-c", 10, "desktop");
        Map<String, Map<String, Object>> conditions = new java.util.LinkedHashMap<>();
        conditions.put("A,B,C", Map.of());
        conditions.put("B", Map.of("click_count", Map.of("$eq", 5)));
        conditions.put("A,C", Map.of("click_count", Map.of("$ne", 5)));
        conditions.put("C", Map.of("click_count", Map.of("$gt", 5)));
        conditions.put("B,C", Map.of("click_count", Map.of("$gte", 5)));
        conditions.put("A", Map.of("click_count", Map.of("$lt", 5)));
        conditions.put("A,B", Map.of("click_count", Map.of("$lte", 5)));
        conditions.put("A ", Map.of("device", Map.of("$in", List.of("mobile", "tablet"))));
        conditions.put("B ", Map.of("click_count", Map.of("$nin", List.of(1, 10))));
        conditions.put("A,C ", Map.of("device", Map.of("$exists", true)));
        conditions.put("A,C  ", Map.of("url", Map.of("$regex", "^https://shop\\.")));
        conditions.put("C ", Map.of("$and", List.of(Map.of("click_count", Map.of("$gt", 1)),
                Map.of("url", Map.of("$regex", "shop")))));
        conditions.put("A,C   ", Map.of("$or", List.of(Map.of("click_count", Map.of("$eq", 1)),
                Map.of("device", Map.of("$eq", "desktop")))));
        Map<String, TestReceiver> receivers = new java.util.LinkedHashMap<>();
        try {
            for (var condition : conditions.entrySet()) {
                TestReceiver receiver = TestReceiver.start();
                receivers.put(condition.getKey(), receiver);
                Map<String, Object> filters = condition.getValue().isEmpty()
                        ? Map.of("campaign_ids", List.of("camp_ops"))
                        : Map.of("campaign_ids", List.of("camp_ops"), "payload", condition.getValue());
                Tour.createWebhook(Map.of("url", receiver.url("/ops"), "events", List.of("email.clicked"), "filters", filters));
            }
            Tour.publish(List.of(a, b, c));
            for (var expected : receivers.entrySet()) {
                expected.getValue().awaitRequests(expected.getKey().strip().split(",").length, Tour.WAIT);
            }
            // everything has had its chance: the unfiltered webhook got all three, and one dispatch serves them all
            Thread.sleep(500);
            for (var expected : receivers.entrySet()) {
                List<String> letters = urls(expected.getValue()).stream().map(url -> url.substring(url.length() - 1).toUpperCase()).sorted().toList();
                assertThat(String.join(",", letters)).as(conditions.get(expected.getKey()).toString()).isEqualTo(expected.getKey().strip());
            }
        } finally {
            receivers.values().forEach(TestReceiver::close);
        }
    }

    private static Map<String, Object> click(String url, int clicks, String device) {
        Map<String, Object> data = new java.util.HashMap<>(Map.of("email_id", "m", "campaign_id", "camp_ops", "url", url,
                "click_count", clicks, "contact", Map.of("email", "c@example.com")));
        if (device != null) {
            data.put("device", device);
        }
        return Map.of("type", "email.clicked", "data", data);
    }

    @Test
    void refusesABadFilterNamingThePathOfTheBadOperator() {
        byte[] body = TestStack.api().post().uri("/api/v1/platform/webhooks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Bad filter", "url", "https://example.com/h", "events", List.of("email.opened"),
                        "filters", Map.of("payload", Map.of("$or", List.of(Map.of("opened_count", Map.of("$gte", 3)),
                                Map.of("opened_count", Map.of("$between", List.of(1, 2))))))))
                .exchange().expectStatus().isBadRequest().expectBody().returnResult().getResponseBody();
        JsonNode error = Json.mapper().readTree(body).get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("filters.payload.$or[1].opened_count.$between");
        assertThat(error.get("reason").asString()).contains("unknown operator");
    }

    private static Map<String, Object> clicked(String campaign, List<String> tags, String url) {
        return Map.of("type", "email.clicked", "data", Map.of("email_id", "m", "campaign_id", campaign, "url", url,
                "contact", Map.of("email", "c@example.com", "tags", tags)));
    }

    private static List<String> urls(TestReceiver receiver) {
        return receiver.received().stream().map(r -> Json.mapper().readTree(r.body()).get("data").get("url"))
                .map(url -> url == null ? null : url.asString()).toList();
    }
}
