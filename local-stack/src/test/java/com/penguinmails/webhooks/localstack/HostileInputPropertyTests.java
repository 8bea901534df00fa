package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.awaitility.Awaitility;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;

/**
 * Hostile bytes at the running ingest and management APIs (issue #12): random bytes, invalid UTF-8, nesting
 * thousands deep, bodies over the size limits, wrongly typed fields, absurd numbers, NUL and lone surrogates, cut-off
 * JSON, oversized headers and random query strings. Whatever arrives, the answer is never a 5xx, every refusal is a
 * ProblemDetail, a refused request writes nothing (the workspace's rows in PostgreSQL are unchanged), every event that
 * was accepted reaches the event store (no consumer stuck on one), and a valid event is still delivered afterwards.
 * Everything happens in a workspace of its own; the seed is fixed so CI sends the same inputs each run.
 */
class HostileInputPropertyTests {

    private static final String WORKSPACE = "ws_hostile_" + UUID.randomUUID().toString().substring(0, 8);
    private static final String SEED = "20261124";
    /** Reactor Netty's limit on the request line ({@code GET <uri> HTTP/1.1}), in bytes. */
    private static final int MAX_REQUEST_LINE = 4096 - "GET  HTTP/1.1".length();
    /** A header value above this takes the request's headers over Netty's 8 KiB limit. */
    private static final int MAX_HEADER = 8_000;

    /** The ids ingest answered 202 for: exactly these must reach the event store, nothing of a refused request. */
    private static final Set<String> ACCEPTED = ConcurrentHashMap.newKeySet();

    private static WebTestClient api;
    private static WebTestClient ingest;
    private static String webhookId;
    private static String v1WebhookId;
    private static List<String> queryableGets;

    /** A body for one endpoint, and what kind of hostility it carries (shown when a try fails). */
    record Hostile(String kind, byte[] body) {
        @Override
        public String toString() {
            String text = new String(body, StandardCharsets.UTF_8);
            return kind + " (" + body.length + " bytes): " + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
        }
    }

    /** One management endpoint that takes a body, and a valid body for it to corrupt. */
    record Endpoint(HttpMethod method, String path, Map<String, Object> valid) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    @BeforeContainer
    static void workspace() throws Exception {
        String adminKey = TestStack.newUnthrottledApiKey(WORKSPACE);
        api = client(TestStack.get().apiUrl(), adminKey);
        webhookId = json(api.post().uri("/api/v1/platform/webhooks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Hostile", "url", "https://example.com/hook", "events", List.of("email.opened"),
                        "status", "paused")), 201).get("id").asString();
        v1WebhookId = json(api.post().uri("/v1/webhooks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("url", "https://example.com/v1", "events", List.of("delivered"))), 201).get("id").asString();
        // ingest knows only the keys published on webhooks.apikeys: one made through the API, as a platform service's
        String ingestKey = json(api.post().uri("/api/v1/platform/api-keys").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "hostile ingest", "role", "admin")), 201).get("key").asString();
        ingest = client(TestStack.get().ingestUrl(), ingestKey);
        Awaitility.await("event-ingest learns the new key").atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    EntityExchangeResult<byte[]> answer = postIngest(Json.write(validEvent()));
                    assertAnsweredWell(answer, new Hostile("valid", Json.write(validEvent())));
                    return answer.getStatus().value() == 202;
                });
        queryableGets = openApiGetsWithQueryParameters();
    }

    // ---- event-ingest ------------------------------------------------------------------------------------------

    @Property(tries = 150, seed = SEED)
    void ingestNeverAnswers5xxAndAcceptsOnlyWhatItStores(@ForAll("ingestBodies") Hostile body) {
        EntityExchangeResult<byte[]> answer = postIngest(body.body());
        assertAnsweredWell(answer, body);
    }

    @Property(tries = 15, seed = SEED)
    void ingestSurvivesOversizedHeaders(@ForAll("headerSizes") int size, @ForAll("headerNames") String name) throws Exception {
        if (size > MAX_HEADER) {
            assertRefusedOverRawSocket(TestStack.get().ingestUrl(), "POST /api/v1/events", name, size, Json.write(validEvent()));
            return;
        }
        EntityExchangeResult<byte[]> answer = ingest.post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                .header(name, "v".repeat(size)).bodyValue(Json.write(validEvent())).exchange().expectBody().returnResult();
        assertHeaderRefusalOrAnswer(answer, size);
    }

    // ---- management-api ----------------------------------------------------------------------------------------

    @Property(tries = 250, seed = SEED)
    void managementNeverAnswers5xxAndWritesNothingWhenItRefuses(@ForAll("endpoints") Endpoint endpoint,
                                                              @ForAll("managementBodies") Hostile body) throws Exception {
        Hostile hostile = body.kind().startsWith("wrong-typed") ? wrongTyped(endpoint, body) : body;
        String before = fingerprint();
        EntityExchangeResult<byte[]> answer = api.method(endpoint.method()).uri(endpoint.path())
                .contentType(MediaType.APPLICATION_JSON).bodyValue(hostile.body()).exchange().expectBody().returnResult();
        assertAnsweredWell(answer, hostile);
        if (answer.getStatus().is4xxClientError()) {
            assertThat(fingerprint()).as("%s refused %s but changed the workspace's rows", endpoint, hostile).isEqualTo(before);
        }
    }

    @Property(tries = 150, seed = SEED)
    void managementQueryParametersNeverCause5xx(@ForAll("queries") String pathAndQuery) throws Exception {
        if (pathAndQuery.length() > MAX_REQUEST_LINE) {
            // Netty refuses a request line over its limit before any controller runs (414, or it closes the connection);
            // over a raw socket, since an HTTP client may wait for an answer that never comes on a closed connection
            assertRefusedOrClosed(rawStatusLine(TestStack.get().apiUrl(), "GET " + pathAndQuery, "", null), pathAndQuery);
            return;
        }
        EntityExchangeResult<byte[]> answer = api.get().uri(java.net.URI.create(TestStack.get().apiUrl() + pathAndQuery))
                .exchange().expectBody().returnResult();
        assertAnsweredWell(answer, new Hostile("query", pathAndQuery.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Netty refuses a header over its limit before any application code (431, or it closes the connection, possibly
     * while the request is still being sent). Sent over a raw socket: an HTTP client has been seen waiting 30 s for an
     * answer that never comes on the connection Netty closed. A 4xx or a closed connection passes; a 5xx, or a
     * connection left open without an answer (the read times out), fails.
     */
    private static void assertRefusedOverRawSocket(String baseUrl, String requestLine, String name, int size, byte[] body) throws Exception {
        String status = rawStatusLine(baseUrl, requestLine, name + ": " + "v".repeat(size) + "\r\n", body);
        assertRefusedOrClosed(status, String.format("a %d-byte %s header on %s", size, name, requestLine));
    }

    /** Refused before any application code: a 4xx, or the connection closed without an answer; never a 5xx. */
    private static void assertRefusedOrClosed(String statusLine, String what) {
        assertThat(statusLine).as(what).satisfiesAnyOf(line -> assertThat(line).isEmpty(),
                line -> assertThat(line).startsWith("HTTP/1.1 4"));
    }

    /**
     * The status line the server answers a request sent over a raw socket with (the request line, then the given
     * header lines, each ending in CRLF, and the body if any), or empty when it closes the connection without one,
     * possibly while the request is still being sent.
     */
    private static String rawStatusLine(String baseUrl, String requestLine, String headerLines, byte[] body) throws Exception {
        java.net.URI base = java.net.URI.create(baseUrl);
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            var out = socket.getOutputStream();
            out.write((requestLine + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\nConnection: close\r\n"
                    + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n")
                    + headerLines + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            String line = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
            return line == null ? "" : line;
        } catch (java.net.SocketException e) {
            return ""; // reset by the server: refused, never answered with a 5xx
        }
    }

    @Property(tries = 15, seed = SEED)
    void managementSurvivesOversizedHeaders(@ForAll("headerSizes") int size, @ForAll("headerNames") String name) throws Exception {
        if (size > MAX_HEADER) {
            assertRefusedOverRawSocket(TestStack.get().apiUrl(), "GET /api/v1/platform/webhooks", name, size, null);
            return;
        }
        EntityExchangeResult<byte[]> answer = api.get().uri("/api/v1/platform/webhooks").header(name, "v".repeat(size))
                .exchange().expectBody().returnResult();
        assertHeaderRefusalOrAnswer(answer, size);
    }

    /**
     * After all the above: every accepted event reached the event store and nothing else of this workspace did (no
     * partial write, no event store consumer stuck on a poison value), and a valid event is still delivered.
     */
    @AfterContainer
    static void everythingStillFlows() throws Exception {
        Awaitility.await("the event store holds exactly the " + ACCEPTED.size() + " accepted events")
                .atMost(60, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(storedEventIds()).containsExactlyInAnyOrderElementsOf(ACCEPTED));
        try (TestReceiver receiver = TestReceiver.start()) {
            String hook = json(api.post().uri("/api/v1/platform/webhooks").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("name", "After the fuzz", "url", receiver.url("/after-fuzz"), "events", List.of("email.opened"))), 201)
                    .get("id").asString();
            String id = json(ingest.post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Json.write(validEvent())), 202).get("ids").get(0).asString();
            List<TestReceiver.Received> received = receiver.awaitRequests(1, Duration.ofSeconds(30));
            assertThat(Json.mapper().readTree(received.getFirst().body()).get("id").asString()).isEqualTo(id);
            assertThat(hook).startsWith("wh_");
        }
    }

    // ---- what is sent ------------------------------------------------------------------------------------------

    @Provide
    Arbitrary<Hostile> ingestBodies() {
        Map<String, Object> valid = validEvent();
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, randomBytes()),
                net.jqwik.api.Tuple.of(2, invalidUtf8(valid)),
                net.jqwik.api.Tuple.of(2, deeplyNested()),
                net.jqwik.api.Tuple.of(1, huge(valid)),
                net.jqwik.api.Tuple.of(3, wrongTypedEvent()),
                net.jqwik.api.Tuple.of(2, absurdNumbers(valid)),
                net.jqwik.api.Tuple.of(3, awkwardText(valid)),
                net.jqwik.api.Tuple.of(2, truncated(valid)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Hostile("empty", new byte[0]))));
    }

    @Provide
    Arbitrary<Hostile> managementBodies() {
        Map<String, Object> sample = Map.of("name", "x", "url", "https://example.com/h", "events", List.of("email.opened"));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, randomBytes()),
                net.jqwik.api.Tuple.of(2, invalidUtf8(sample)),
                net.jqwik.api.Tuple.of(2, deeplyNested()),
                net.jqwik.api.Tuple.of(1, huge(sample)),
                // the endpoint's own valid body with one field replaced: built per endpoint in the property
                net.jqwik.api.Tuple.of(5, anyJson(2).map(value -> new Hostile("wrong-typed", Json.write(new Object[] {value})))),
                net.jqwik.api.Tuple.of(2, absurdNumbers(sample)),
                net.jqwik.api.Tuple.of(2, truncated(sample)),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(new Hostile("empty", new byte[0]))));
    }

    @Provide
    Arbitrary<Endpoint> endpoints() {
        String hook = "/api/v1/platform/webhooks/" + webhookId;
        Map<String, Object> webhook = Map.of("name", "Hostile", "url", "https://example.com/hook", "events", List.of("email.opened"),
                "status", "paused");
        return Arbitraries.of(
                new Endpoint(HttpMethod.POST, "/api/v1/platform/webhooks", webhook),
                new Endpoint(HttpMethod.PUT, hook, webhook),
                new Endpoint(HttpMethod.PATCH, hook, Map.of("name", "Hostile", "timeout_seconds", 5)),
                new Endpoint(HttpMethod.POST, hook + "/rotate-secret", Map.of("grace_period_seconds", 60)),
                new Endpoint(HttpMethod.POST, hook + "/replays", Map.of("from", Instant.now().minusSeconds(7200).toString(),
                        "to", Instant.now().minusSeconds(3600).toString())),
                new Endpoint(HttpMethod.POST, "/api/v1/platform/api-keys", Map.of("name", "k", "role", "developer")),
                new Endpoint(HttpMethod.POST, "/v1/webhooks", Map.of("url", "https://example.com/v1", "events", List.of("delivered"))),
                new Endpoint(HttpMethod.PUT, "/v1/webhooks/" + v1WebhookId, Map.of("events", List.of("delivered", "bounced"))));
    }

    /** Every GET of the OpenAPI document that takes query parameters, with random values for them. */
    @Provide
    Arbitrary<String> queries() {
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(30),
                Arbitraries.of("-1", "0", "999999999999999999999", "1e400", "NaN", "null", "[]", "{}", "%00", "%C3%28", "%FF",
                        "2026-13-45T99:99:99Z", "9999-12-31T23:59:59Z", "-999999999-01-01T00:00Z", "email.*", "*", "', drop table webhooks --",
                        "eyJpZCI6MX0", "dGhlIGN1cnNvcg==", "x".repeat(5000)),
                Arbitraries.integers().map(Object::toString));
        return Combinators.combine(Arbitraries.of(queryableGets), value.list().ofMinSize(1).ofMaxSize(4))
                .as((get, values) -> {
                    String[] parts = get.split(" ", 2);
                    List<String> names = List.of(parts[1].split(","));
                    StringBuilder query = new StringBuilder(parts[0].replace("{id}", webhookId).replace("{webhook_id}", webhookId)
                            .replaceAll("\\{[^}]+}", "x_unknown")).append('?');
                    for (int i = 0; i < values.size(); i++) {
                        query.append(i == 0 ? "" : "&").append(names.get(i % names.size())).append('=')
                                .append(encodeLoosely(values.get(i)));
                    }
                    return query.toString();
                });
    }

    @Provide
    Arbitrary<Integer> headerSizes() {
        return Arbitraries.of(1_000, 8_000, 9_000, 16_000, 65_000, 300_000);
    }

    @Provide
    Arbitrary<String> headerNames() {
        return Arbitraries.of("X-Padding", "Authorization", "Idempotency-Key", "traceparent", "Cookie");
    }

    private static Arbitrary<Hostile> randomBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(512).map(bytes -> new Hostile("random bytes", bytes));
    }

    /** A valid body with bytes that are not UTF-8 (a lone continuation byte, an overlong form, a surrogate, 0xFF). */
    private static Arbitrary<Hostile> invalidUtf8(Map<String, Object> valid) {
        List<byte[]> bad = List.of(new byte[] {(byte) 0xC3, 0x28}, new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xFF}, new byte[] {(byte) 0x80});
        return Combinators.combine(Arbitraries.of(bad), Arbitraries.integers().between(0, 1000)).as((bytes, at) -> {
            byte[] json = Json.writeString(withMarker(valid)).getBytes(StandardCharsets.UTF_8);
            String text = new String(json, StandardCharsets.UTF_8);
            int marker = text.indexOf("MARKER");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(json, 0, marker);
            out.writeBytes(bytes);
            out.write(json, marker + "MARKER".length(), json.length - marker - "MARKER".length());
            return new Hostile("invalid UTF-8", out.toByteArray());
        });
    }

    private static Arbitrary<Hostile> deeplyNested() {
        return Combinators.combine(Arbitraries.of(64, 600, 2_000, 20_000, 200_000), Arbitraries.of("[", "{\"a\":", "{\"data\":"))
                .as((depth, open) -> {
                    String close = open.equals("[") ? "]" : "}";
                    return new Hostile("nested " + depth + " deep", (open.repeat(depth) + "1" + close.repeat(depth)).getBytes(StandardCharsets.UTF_8));
                });
    }

    /** A body past the size limits: one long string, or a long array. */
    private static Arbitrary<Hostile> huge(Map<String, Object> valid) {
        return Arbitraries.of(300_000, 1_100_000, 3_000_000).flatMap(size -> Arbitraries.of(
                new Hostile("huge string " + size, Json.write(withField(valid, "name", "x".repeat(size)))),
                new Hostile("huge array " + size, Json.write(java.util.Collections.nCopies(size / 60, valid)))));
    }

    /** A valid event with one field given a value of another type, or data of another shape. */
    private static Arbitrary<Hostile> wrongTypedEvent() {
        return Combinators.combine(Arbitraries.of("type", "data", "id", "created_at", "workspace_id", "data.email_id", "data.opened_at"),
                anyJson(2)).as((field, value) -> {
                    Map<String, Object> event = new LinkedHashMap<>(validEvent());
                    if (field.startsWith("data.")) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> data = new LinkedHashMap<>((Map<String, Object>) event.get("data"));
                        data.put(field.substring(5), value);
                        event.put("data", data);
                    } else {
                        event.put(field, value);
                    }
                    return new Hostile("wrong-typed " + field, Json.write(event));
                });
    }

    private static Hostile wrongTyped(Endpoint endpoint, Hostile carrier) {
        Object value = Json.mapper().readValue(carrier.body(), Object[].class)[0];
        List<String> fields = new ArrayList<>(endpoint.valid().keySet());
        fields.addAll(List.of("headers", "filters", "max_retries", "secret", "timeout_seconds", "events", "url"));
        String field = fields.get(Math.floorMod(java.util.Arrays.hashCode(carrier.body()), fields.size()));
        return new Hostile("wrong-typed " + field, Json.write(withField(endpoint.valid(), field, value)));
    }

    private static Arbitrary<Hostile> absurdNumbers(Map<String, Object> valid) {
        return Arbitraries.of("1e999999", "-1e999999", "99999999999999999999999999999999999999", "0.0000000000000000000000001e-400",
                "1" + "0".repeat(5000), "-0", "NaN", "Infinity", "0x10", "01").map(number -> {
                    String text = Json.writeString(withMarker(valid)).replace("\"MARKER\"", number);
                    return new Hostile("number " + (number.length() > 20 ? number.substring(0, 20) + "…" : number),
                            text.replace("\"timeout_seconds\":5", "\"timeout_seconds\":" + number).getBytes(StandardCharsets.UTF_8));
                });
    }

    /** Text that is valid JSON but awkward to store: NUL, lone surrogates, right-to-left marks, line separators. */
    private static Arbitrary<Hostile> awkwardText(Map<String, Object> valid) {
        return Arbitraries.of("\\u0000", "a\\u0000b", "\\ud800", "\\udfff\\ud800", "\\u202e\\u2028\\u2029", "\\ufeff", "😀\\ud83d")
                .map(escaped -> new Hostile("awkward text " + escaped,
                        Json.writeString(withMarker(valid)).replace("MARKER", escaped).getBytes(StandardCharsets.UTF_8)));
    }

    private static Arbitrary<Hostile> truncated(Map<String, Object> valid) {
        byte[] json = Json.write(valid);
        return Arbitraries.integers().between(1, json.length - 1)
                .map(length -> new Hostile("cut at " + length, java.util.Arrays.copyOf(json, length)));
    }

    /** Any JSON value: text, numbers, booleans, null, arrays and objects. */
    private static Arbitrary<Object> anyJson(int depth) {
        Arbitrary<Object> leaf = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(20).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i),
                Arbitraries.doubles().map(d -> (Object) d),
                Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.just(null));
        if (depth == 0) {
            return leaf;
        }
        return Arbitraries.oneOf(leaf, anyJson(depth - 1).list().ofMaxSize(3).map(list -> (Object) list),
                Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(6), anyJson(depth - 1)).ofMaxSize(3).map(map -> (Object) map));
    }

    private static Map<String, Object> validEvent() {
        JsonNode example = Json.mapper().readTree(EventType.EMAIL_OPENED.exampleJson());
        @SuppressWarnings("unchecked")
        Map<String, Object> data = Json.mapper().convertValue(example.get("data"), Map.class);
        return Map.of("type", "email.opened", "data", data);
    }

    /** The body with a string value {@code MARKER} where hostile bytes go: a data field of an event, else the name. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withMarker(Map<String, Object> valid) {
        if (valid.get("data") instanceof Map<?, ?> data) {
            Map<String, Object> marked = new LinkedHashMap<>((Map<String, Object>) data);
            marked.put("note", "MARKER");
            return withField(valid, "data", marked);
        }
        return withField(valid, "name", "MARKER");
    }

    private static Map<String, Object> withField(Map<String, Object> valid, String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(valid);
        changed.put(field, value);
        return changed;
    }

    private static String encodeLoosely(String value) {
        // keep what is already percent-encoded (broken or not) as it is: the server must cope with both
        return value.startsWith("%") ? value : java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    // ---- checks ------------------------------------------------------------------------------------------------

    private static EntityExchangeResult<byte[]> postIngest(byte[] body) {
        return ingest.post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchange().expectBody().returnResult();
    }

    private static void assertAnsweredWell(EntityExchangeResult<byte[]> answer, Hostile sent) {
        int status = answer.getStatus().value();
        byte[] bytes = answer.getResponseBody() == null ? new byte[0] : answer.getResponseBody();
        String body = new String(bytes, StandardCharsets.UTF_8);
        assertThat(status).as("%s %s with %s answered %s", answer.getMethod(), answer.getUrl(), sent, body).isLessThan(500);
        if (status >= 400) {
            assertThat(answer.getResponseHeaders().getContentType()).as("%s: %s", sent, body).isNotNull();
            assertThat(answer.getResponseHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .as("%s: %s", sent, body).isTrue();
            JsonNode problem = Json.mapper().readTree(bytes);
            assertThat(problem.get("status").asInt()).isEqualTo(status);
            assertThat(problem.get("title").asString()).isNotBlank();
            if (status == 400 && sent.body().length > 0 && answer.getUrl().getRawQuery() == null) {
                // a refused body names the field at fault and why
                assertThat(problem.path("errors").path(0).path("field").asString()).as("%s: %s", sent, body).isNotBlank();
                assertThat(problem.path("errors").path(0).path("reason").asString()).as("%s: %s", sent, body).isNotBlank();
            }
        } else if (status == 202 && answer.getUrl().getPath().equals("/api/v1/events")) {
            Json.mapper().readTree(bytes).get("ids").valueStream().map(JsonNode::asString).forEach(ACCEPTED::add);
        }
    }

    /** Headers past the server's limit are refused before any controller runs (431, no body); below it, as usual. */
    private static void assertHeaderRefusalOrAnswer(EntityExchangeResult<byte[]> answer, int size) {
        int status = answer.getStatus().value();
        assertThat(status).as("a %d-byte header", size).isLessThan(500);
        if (status == 202) {
            Json.mapper().readTree(answer.getResponseBody()).get("ids").valueStream().map(JsonNode::asString).forEach(ACCEPTED::add);
        }
    }

    /** Everything the workspace owns in PostgreSQL that a request could change, as one comparable text. */
    private static String fingerprint() throws Exception {
        String sql = """
                select (select coalesce(md5(string_agg(w::text, ',' order by w.id)), '') from webhooks w where w.workspace_id = ?)
                    || '|' || (select count(*) from webhook_secrets s join webhooks w on w.id = s.webhook_id where w.workspace_id = ?)
                    || '|' || (select count(*) from api_keys where workspace_id = ? and revoked_at is null)
                    || '|' || (select count(*) from replay_jobs r join webhooks w on w.id = r.webhook_id where w.workspace_id = ?)
                """;
        try (Connection db = TestStack.database(); var query = db.prepareStatement(sql)) {
            for (int i = 1; i <= 4; i++) {
                query.setString(i, WORKSPACE);
            }
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getString(1);
            }
        }
    }

    /**
     * The platform events of the workspace in the event store. The system events PenguinMails itself publishes there
     * ({@code webhook.failing} when a webhook the fuzz created towards an unreachable URL fails five attempts in a row)
     * come from no request, so they are not counted.
     */
    private static Set<String> storedEventIds() throws Exception {
        try (Connection db = TestStack.database();
             var query = db.prepareStatement("select id from webhook_events where workspace_id = ? and event_type not like 'webhook.%'")) {
            query.setString(1, WORKSPACE);
            Set<String> ids = new HashSet<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        }
    }

    /** {@code "<path> <param>,<param>"} for every GET with query parameters in the OpenAPI document. */
    private static List<String> openApiGetsWithQueryParameters() {
        JsonNode document = json(WebTestClient.bindToServer().baseUrl(TestStack.get().apiUrl()).build().get().uri("/v3/api-docs"), 200);
        List<String> gets = new ArrayList<>();
        document.get("paths").properties().forEach(path -> {
            JsonNode get = path.getValue().get("get");
            if (get == null || !get.has("parameters")) {
                return;
            }
            List<String> names = get.get("parameters").valueStream().filter(p -> "query".equals(p.get("in").asString()))
                    .map(p -> p.get("name").asString()).toList();
            if (!names.isEmpty()) {
                gets.add(path.getKey() + " " + String.join(",", names));
            }
        });
        assertThat(gets).as("GETs with query parameters in the OpenAPI document").hasSizeGreaterThan(3);
        return gets;
    }

    private static WebTestClient client(String baseUrl, String key) {
        return WebTestClient.bindToServer().baseUrl(baseUrl).responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + key).build();
    }

    private static JsonNode json(WebTestClient.RequestHeadersSpec<?> request, int status) {
        return Json.mapper().readTree(request.exchange().expectStatus().isEqualTo(status).expectBody().returnResult().getResponseBody());
    }
}
