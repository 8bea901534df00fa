package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Issue 23: editing a webhook never loses or changes what the user did not touch. Random valid webhooks are created
 * through the API (wildcards and exact types, contact tags any or all, JSON filters, custom headers, retries, timeout,
 * status, descriptions with line breaks and markup, list values with commas), some then auto-paused as the health
 * policy does; the edit page is read as a signed-in user's browser reads it and its form sent back unchanged; the API
 * then shows the same webhook as before, field for field (but {@code updated_at}). The seed is fixed so that CI runs
 * the same webhooks each time.
 */
class WebhookEditPropertyTests {

    private static final List<String> WILDCARDS = List.of("email.*", "campaign.*", "contact.*", "system.*");
    /** Pieces of text: markup, quotes, commas, line breaks of every kind, spaces at either end, wide characters. */
    private static final List<String> PIECES = List.of("CRM", "sync", "7", " ", "  ", "\n", "\r\n", "\r", "\t", "é", "中文", "😀",
            "<b>bold</b>", "&amp;", "\"", "'", ",", ", ", ":", "{", "[[x]]", "${x}", "-");

    private static WebTestClient api;
    private static WebTestClient http;
    private static DashboardHttp.Session session;
    private static String workspaceId;

    @BeforeContainer
    static void workspace() throws Exception {
        DashboardWorkspace workspace = DashboardWorkspace.create();
        workspaceId = workspace.id();
        try (var db = TestStack.database();
             var unlimited = db.prepareStatement("update api_keys set rate_limit_per_second = 100000 where workspace_id = ?")) {
            unlimited.setString(1, workspaceId);
            unlimited.executeUpdate(); // a webhook a try, not a test of the rate limit
        }
        api = workspace.api();
        http = WebTestClient.bindToServer().baseUrl(TestStack.get().apiUrl()).responseTimeout(java.time.Duration.ofSeconds(30)).build();
        session = DashboardHttp.session(http, workspace.adminEmail(), workspace.password());
    }

    @Property(tries = 60, seed = "20261207")
    void anEditPageSavedUnchangedLeavesTheWebhookAsItWas(@ForAll("webhooks") Map<String, Object> body, @ForAll boolean autoPaused) throws Exception {
        String id = Json.mapper().readTree(api.post().uri("/api/v1/platform/webhooks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Json.writeString(body)).exchange().expectStatus().isCreated().expectBody().returnResult().getResponseBody())
                .get("id").asString();
        if (autoPaused) {
            TestStack.autoPause(id);
        }
        JsonNode before = webhook(id);

        String page = new String(http.get().uri("/dashboard/settings/webhooks/{id}/edit", id).cookie(DashboardHttp.COOKIE, session.cookie())
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8);
        BrowserFormData.Form form = BrowserFormData.of(page, "webhook-form");
        EntityExchangeResult<byte[]> saved = http.post().uri(form.action()).cookie(DashboardHttp.COOKIE, session.cookie())
                .body(BodyInserters.fromFormData(form.fields())).exchange().expectBody().returnResult();
        assertThat(saved.getStatus().value()).as("saving %s answered %s", form.fields(),
                saved.getResponseBody() == null ? "" : new String(saved.getResponseBody(), StandardCharsets.UTF_8)).isEqualTo(303);

        assertThat(withoutUpdatedAt(webhook(id))).isEqualTo(withoutUpdatedAt(before));
    }

    @Provide
    Arbitrary<Map<String, Object>> webhooks() {
        return Builders.withBuilder(LinkedHashMap<String, Object>::new)
                .use(text().filter(name -> !name.isBlank())).in((body, name) -> put(body, "name", name))
                .use(Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12)).in((body, path) -> put(body, "url", "https://example.com/" + path))
                .use(events()).in((body, events) -> put(body, "events", events))
                .use(optional(text())).in((body, description) -> put(body, "description", description))
                .use(optional(Arbitraries.of("active", "paused"))).in((body, status) -> put(body, "status", status))
                .use(optional(Arbitraries.integers().between(1, 30))).in((body, timeout) -> put(body, "timeout_seconds", timeout))
                .use(optional(Arbitraries.integers().between(1, 10))).in((body, retries) -> put(body, "max_retries", retries))
                .use(optional(Arbitraries.of(true, false))).in((body, enabled) -> put(body, "retries_enabled", enabled))
                .use(optional(filters())).in((body, filters) -> put(body, "filters", filters))
                .use(optional(headers())).in((body, headers) -> put(body, "headers", headers))
                .build(body -> body);
    }

    /** Exact types and category wildcards, in any order, a type now and then twice. */
    private static Arbitrary<List<String>> events() {
        List<String> all = new ArrayList<>(EventType.names());
        all.addAll(WILDCARDS);
        return Arbitraries.of(all).list().ofMinSize(1).ofMaxSize(6);
    }

    private static Arbitrary<String> text() {
        return Arbitraries.of(PIECES).list().ofMaxSize(8).map(pieces -> String.join("", pieces));
    }

    /** Any mix of the four filters, values with commas and spaces at their ends among them; now and then none ({}). */
    private static Arbitrary<Map<String, Object>> filters() {
        Arbitrary<List<String>> values = Arbitraries.of("ws_a", "camp_1", "vip", "a,b", " padded ", "", "é", "x y").list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<Object> payload = Arbitraries.of(
                "{\"opened_count\": {\"$gte\": 3}}", "{\"score\": {\"$lt\": 2.50}}", "{\"tag\": {\"$in\": [\"a\", \"b\"]}}",
                "{\"$or\": [{\"contact.email\": {\"$regex\": \"@example\\\\.com$\"}}, {\"bounce_type\": {\"$exists\": true}}]}",
                "{\"$and\": [{\"subject\": {\"$ne\": \"Hi\"}}, {\"clicks\": {\"$gt\": 1e2}}]}")
                .map(json -> Json.mapper().readValue(json, Object.class));
        return Builders.withBuilder(LinkedHashMap<String, Object>::new)
                .use(optional(values)).in((filters, ids) -> put(filters, "workspaces", ids))
                .use(optional(values)).in((filters, ids) -> put(filters, "campaign_ids", ids))
                .use(optional(values.flatMap(tags -> Arbitraries.of("any", "all").map(match -> (Object) Map.of(match, tags)))))
                .in((filters, tags) -> put(filters, "contact_tags", tags))
                .use(optional(payload)).in((filters, condition) -> put(filters, "payload", condition))
                .build(filters -> filters);
    }

    /** Up to three custom headers, values with spaces at their ends, colons and an Authorization token. */
    private static Arbitrary<Map<String, String>> headers() {
        return Arbitraries.maps(Arbitraries.of("Authorization", "X-Tenant", "X-Trace-Id", "X-Api-Key"),
                Arbitraries.of("Bearer abc.def", " spaced ", "a: b", "v1", "tab\there", "{\"json\": true}")).ofMinSize(1).ofMaxSize(3);
    }

    /** The value, or null for a field left out. */
    private static <T> Arbitrary<T> optional(Arbitrary<T> value) {
        return value.injectNull(0.3);
    }

    private static <T> LinkedHashMap<String, Object> put(LinkedHashMap<String, Object> body, String field, T value) {
        if (value != null) {
            body.put(field, value);
        }
        return body;
    }

    private static JsonNode webhook(String id) {
        return Json.mapper().readTree(api.get().uri("/api/v1/platform/webhooks/{id}", id).exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody());
    }

    private static JsonNode withoutUpdatedAt(JsonNode webhook) {
        ObjectNode copy = ((ObjectNode) webhook).deepCopy();
        copy.remove("updated_at");
        return copy;
    }
}
