package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;

/**
 * Issue 23 item 7, for every request body of both management APIs: a valid body with one field it does not have, at
 * the top or inside one of its objects, under a random name with a random JSON value, is refused with a 400 problem
 * naming the field (and suggesting only known names), never a 2xx, and nothing in the workspace changes. Its own
 * workspace and webhooks; the seed is fixed so that CI sends the same bodies each time. {@link #everyBodyEndpointIsCovered}
 * fails when a controller takes a new body that {@link #ENDPOINTS} does not list.
 */
class UnknownFieldPropertyTests {

    private static final String WORKSPACE = "ws_unknown_prop_" + UUID.randomUUID().toString().substring(0, 8);
    private static final Pattern REFUSAL = Pattern.compile("\"(.*)\" is not a field(?:; did you mean \"([^\"]+)\"\\?)?", Pattern.DOTALL);

    private static final List<String> WEBHOOK_FIELDS = List.of("name", "description", "url", "events", "status", "timeout_seconds",
            "max_retries", "retries_enabled", "filters", "headers");
    private static final List<String> FILTER_FIELDS = List.of("workspaces", "campaign_ids", "contact_tags", "payload");
    private static final List<String> V1_FIELDS = List.of("url", "events", "secret", "active");
    private static final List<String> REPLAY_FIELDS = List.of("from", "to", "event_types", "events_per_second");

    private static WebTestClient api;
    private static String webhookId;
    private static String pausedWebhookId;
    private static String v1WebhookId;

    /** An object of a body, by its path ("" for the body itself), and the names it has. */
    record Level(String path, List<String> known) {
    }

    /** A body endpoint: its route as the controller maps it, the path to call, a valid body, its objects that have fixed names. */
    record Endpoint(String route, Supplier<String> path, Supplier<Map<String, Object>> validBody, List<Level> levels) {

        HttpMethod method() {
            return HttpMethod.valueOf(route.substring(0, route.indexOf(' ')));
        }

        @Override
        public String toString() {
            return route;
        }
    }

    private static final List<Level> WEBHOOK_LEVELS = List.of(new Level("", WEBHOOK_FIELDS), new Level("filters", FILTER_FIELDS),
            new Level("filters.contact_tags", List.of("any", "all")));

    static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("POST /api/v1/platform/webhooks", () -> "/api/v1/platform/webhooks", UnknownFieldPropertyTests::webhook, WEBHOOK_LEVELS),
            new Endpoint("PUT /api/v1/platform/webhooks/{id}", () -> "/api/v1/platform/webhooks/" + webhookId,
                    UnknownFieldPropertyTests::webhook, WEBHOOK_LEVELS),
            new Endpoint("PATCH /api/v1/platform/webhooks/{id}", () -> "/api/v1/platform/webhooks/" + webhookId,
                    () -> object("timeout_seconds", 12, "filters", filters()), WEBHOOK_LEVELS),
            new Endpoint("POST /api/v1/platform/webhooks/{id}/resume", () -> "/api/v1/platform/webhooks/" + pausedWebhookId + "/resume",
                    () -> object("replay_skipped", true), List.of(new Level("", List.of("replay_skipped")))),
            new Endpoint("POST /api/v1/platform/webhooks/{id}/rotate-secret", () -> "/api/v1/platform/webhooks/" + webhookId + "/rotate-secret",
                    () -> object("grace_period_seconds", 3600), List.of(new Level("", List.of("grace_period_seconds")))),
            new Endpoint("POST /api/v1/platform/webhooks/{id}/test", () -> "/api/v1/platform/webhooks/" + webhookId + "/test",
                    () -> object("event_type", "email.opened", "data_source", "sample"),
                    List.of(new Level("", List.of("event_type", "data_source", "data")))),
            new Endpoint("POST /api/v1/platform/webhooks/{webhookId}/replays", () -> "/api/v1/platform/webhooks/" + webhookId + "/replays",
                    UnknownFieldPropertyTests::replay, List.of(new Level("", REPLAY_FIELDS))),
            new Endpoint("POST /api/v1/platform/replays", () -> "/api/v1/platform/replays",
                    UnknownFieldPropertyTests::replay, List.of(new Level("", REPLAY_FIELDS))),
            new Endpoint("POST /api/v1/platform/api-keys", () -> "/api/v1/platform/api-keys",
                    () -> object("name", "CI deploys", "role", "developer"), List.of(new Level("", List.of("name", "role")))),
            new Endpoint("POST /v1/webhooks", () -> "/v1/webhooks",
                    () -> object("url", "https://yourapp.com/webhooks/email", "events", List.of("delivered", "bounced")),
                    List.of(new Level("", V1_FIELDS))),
            new Endpoint("PUT /v1/webhooks/{id}", () -> "/v1/webhooks/" + v1WebhookId,
                    () -> object("events", List.of("delivered", "bounced", "complained"), "active", false),
                    List.of(new Level("", V1_FIELDS))));

    @BeforeContainer
    static void workspace() throws Exception {
        String apiKey = TestStack.newUnthrottledApiKey(WORKSPACE);
        api = TestStack.client(TestStack.get().apiUrl(), apiKey);
        webhookId = created(send(HttpMethod.POST, "/api/v1/platform/webhooks", webhook()));
        pausedWebhookId = created(send(HttpMethod.POST, "/api/v1/platform/webhooks",
                object("name", "Paused", "url", "https://example.com/paused", "events", List.of("email.opened"), "status", "paused")));
        v1WebhookId = created(send(HttpMethod.POST, "/v1/webhooks", object("url", "https://example.com/v1", "events", List.of("delivered"))));
    }

    @Property(tries = 250, seed = "20261207")
    void aFieldTheBodyDoesNotHaveIsRefusedNamingItAndChangesNothing(@ForAll("unknownFields") UnknownField unknown) throws Exception {
        Map<String, Object> body = unknown.endpoint().validBody().get();
        Map<String, Object> level = unknown.level().path().isEmpty() ? body : at(body, unknown.level().path());
        Map<String, Object> withUnknown = new LinkedHashMap<>();
        List<Map.Entry<String, Object>> fields = new ArrayList<>(level.entrySet());
        int position = Math.min(unknown.position(), fields.size());
        fields.subList(0, position).forEach(field -> withUnknown.put(field.getKey(), field.getValue()));
        withUnknown.put(unknown.name(), unknown.value());
        fields.subList(position, fields.size()).forEach(field -> withUnknown.put(field.getKey(), field.getValue()));
        level.clear();
        level.putAll(withUnknown);

        String before = fingerprint();
        EntityExchangeResult<byte[]> answer = send(unknown.endpoint().method(), unknown.endpoint().path().get(), body);

        JsonNode problem = UnknownFieldIntegrationTests.problem(answer);
        String field = unknown.level().path().isEmpty() ? unknown.name() : unknown.level().path() + "." + unknown.name();
        assertThat(problem.get("errors")).as(problem.toString()).hasSize(1);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo(field);
        String reason = problem.get("errors").get(0).get("reason").asString();
        Matcher refusal = REFUSAL.matcher(reason);
        assertThat(refusal.matches()).as(reason).isTrue();
        assertThat(refusal.group(1)).isEqualTo(unknown.name());
        if (refusal.group(2) != null) {
            assertThat(unknown.level().known()).as("suggested in " + reason).contains(refusal.group(2));
        }
        if (unknown.misspelling()) {
            assertThat(refusal.group(2)).as("a known name one edit away, suggested in " + reason).isNotNull();
        }
        assertThat(fingerprint()).as("the workspace after a refused %s", unknown.endpoint()).isEqualTo(before);
    }

    /** The controllers' body endpoints, from management-api's own request mappings: each must be in {@link #ENDPOINTS}. */
    @Example
    void everyBodyEndpointIsCovered() {
        Set<String> taken = new TreeSet<>();
        TestStack.get().bean("management-api", DispatcherHandler.class).getHandlerMappings().stream()
                .filter(RequestMappingHandlerMapping.class::isInstance).map(RequestMappingHandlerMapping.class::cast)
                .flatMap(mapping -> mapping.getHandlerMethods().entrySet().stream())
                .filter(route -> takesABody(route.getValue()))
                .forEach(route -> routes(route.getKey()).forEach(taken::add));
        assertThat(taken).as("the body endpoints of management-api").hasSizeGreaterThanOrEqualTo(11);
        assertThat(ENDPOINTS.stream().map(Endpoint::route).toList()).as("body endpoints without an unknown-field check")
                .containsExactlyInAnyOrderElementsOf(taken);
    }

    /** A misspelling of each body's own field, at each endpoint: refused with the field it was meant to be. */
    @Example
    void aMisspeltFieldOfEachBodyIsNamedWithTheFieldItWasMeantToBe() throws Exception {
        for (Endpoint endpoint : ENDPOINTS) {
            for (Level level : endpoint.levels()) {
                String meant = level.known().getFirst();
                String misspelt = meant.length() > 2 ? meant.substring(0, meant.length() - 1) : meant + "x";
                aFieldTheBodyDoesNotHaveIsRefusedNamingItAndChangesNothing(new UnknownField(endpoint, level, 0, misspelt, true, true));
            }
        }
    }

    /** One try: where the unknown field goes and what it is. */
    record UnknownField(Endpoint endpoint, Level level, int position, String name, Object value, boolean misspelling) {
    }

    @Provide
    Arbitrary<UnknownField> unknownFields() {
        Arbitrary<Map.Entry<Endpoint, Level>> places = Arbitraries.of(ENDPOINTS.stream()
                .flatMap(endpoint -> endpoint.levels().stream().map(level -> Map.entry(endpoint, level))).toList());
        return places.flatMap(place -> {
            Level level = place.getValue();
            Arbitrary<String> madeUp = Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z').withCharRange('0', '9')
                    .withChars('_', '-', '.', '$', ' ').ofMinLength(1).ofMaxLength(24);
            Arbitrary<Map.Entry<String, Boolean>> names = Arbitraries.frequencyOf(
                    net.jqwik.api.Tuple.of(3, madeUp.map(name -> Map.entry(name, false))),
                    net.jqwik.api.Tuple.of(1, misspellings(level.known()).map(name -> Map.entry(name, true))));
            return Combinators.combine(Arbitraries.integers().between(0, 6), names.filter(name -> !level.known().contains(name.getKey())), value())
                    .as((position, name, value) -> new UnknownField(place.getKey(), level, position, name.getKey(), value, name.getValue()));
        });
    }

    /** A known name with one slip: a letter dropped, doubled, swapped with the next, or replaced. */
    private static Arbitrary<String> misspellings(List<String> known) {
        return Combinators.combine(Arbitraries.of(known), Arbitraries.integers().between(0, 100), Arbitraries.integers().between(0, 3),
                Arbitraries.chars().range('a', 'z')).as((name, at, slip, letter) -> {
            int i = at % name.length();
            return switch (slip) {
                case 0 -> name.length() > 1 ? name.substring(0, i) + name.substring(i + 1) : name + letter;
                case 1 -> name.substring(0, i + 1) + name.charAt(i) + name.substring(i + 1);
                case 2 -> i + 1 < name.length() ? name.substring(0, i) + name.charAt(i + 1) + name.charAt(i) + name.substring(i + 2) : name + letter;
                default -> name.substring(0, i) + letter + name.substring(i + 1);
            };
        });
    }

    /**
     * Any JSON value ({@link WebhookApiPropertyTests}'), but no NUL character: inside {@code filters} that is a second,
     * separate refusal (PostgreSQL cannot store it), and each try expects the unknown field alone.
     */
    private static Arbitrary<Object> value() {
        return WebhookApiPropertyTests.value(2).filter(value -> !Json.writeString(value).contains("\\u0000"));
    }

    private static Map<String, Object> webhook() {
        return object("name", "Unknown fields", "url", "https://example.com/unknown-fields", "events", List.of("email.opened"),
                "timeout_seconds", 10, "filters", filters());
    }

    private static Map<String, Object> filters() {
        return object("campaign_ids", List.of("camp_def456"), "contact_tags", object("any", List.of("vip")));
    }

    private static Map<String, Object> replay() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return object("from", now.minus(2, ChronoUnit.HOURS).toString(), "to", now.minus(1, ChronoUnit.HOURS).toString(),
                "event_types", List.of("email.opened"), "events_per_second", 10);
    }

    /** A mutable JSON object of the pairs, in order. */
    private static Map<String, Object> object(Object... pairs) {
        Map<String, Object> object = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            object.put((String) pairs[i], pairs[i + 1]);
        }
        return object;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> at(Map<String, Object> body, String path) {
        Map<String, Object> object = body;
        for (String name : path.split("\\.")) {
            object = (Map<String, Object>) object.get(name);
        }
        return object;
    }

    private static boolean takesABody(HandlerMethod method) {
        return java.util.Arrays.stream(method.getMethodParameters()).anyMatch(parameter -> parameter.hasParameterAnnotation(RequestBody.class));
    }

    private static List<String> routes(RequestMappingInfo info) {
        List<String> routes = new ArrayList<>();
        for (var pattern : info.getPatternsCondition().getPatterns()) {
            for (var method : info.getMethodsCondition().getMethods()) {
                routes.add(method.name() + " " + pattern.getPatternString());
            }
        }
        return routes;
    }

    /**
     * What the workspace holds that a body endpoint could change: webhooks and their secrets, replays, deliveries (test
     * sends are logged), API keys (but not when they were last used) and idempotency keys.
     */
    private static String fingerprint() throws Exception {
        try (Connection db = TestStack.database(); PreparedStatement query = db.prepareStatement("""
                select (select coalesce(string_agg(w::text, '|' order by w.id), '') from webhooks w where w.workspace_id = ?)
                    || (select coalesce(string_agg(s.id::text || s.encrypted_secret || coalesce(s.expires_at::text, ''), '|' order by s.id), '')
                        from webhook_secrets s join webhooks w on w.id = s.webhook_id where w.workspace_id = ?)
                    || (select count(*) from replay_jobs where workspace_id = ?)
                    || '/' || (select count(*) from webhook_deliveries where workspace_id = ?)
                    || (select coalesce(string_agg(k.id || k.name || k.role || coalesce(k.revoked_at::text, ''), '|' order by k.id), '')
                        from api_keys k where k.workspace_id = ?)
                    || (select count(*) from idempotency_keys where workspace_id = ?)""")) {
            for (int i = 1; i <= 6; i++) {
                query.setString(i, WORKSPACE);
            }
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }

    private static EntityExchangeResult<byte[]> send(HttpMethod method, String path, Object body) {
        return api.method(method).uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(Json.writeString(body))
                .exchange().expectBody().returnResult();
    }

    private static String created(EntityExchangeResult<byte[]> answer) {
        assertThat(answer.getStatus()).as(new String(answer.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(HttpStatus.CREATED);
        return Json.mapper().readTree(answer.getResponseBody()).get("id").asString();
    }
}
