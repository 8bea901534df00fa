package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.penguinmails.webhooks.model.ApiKeys;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;
import tools.jackson.databind.JsonNode;

/**
 * Secrets never leak (issue #12). A full run makes every kind of secret and uses it: webhook signing secrets (created,
 * rotated, a {@code /v1} caller's own), an API key (created, then used), a dashboard password (a sign-in, and a failed
 * one), with a delivery and a test send in between. Then none of those values, nor the master encryption key, may be
 * found in any log line of the in-process stack ({@link TestStack#LOG_FILE}), in any row of any table, in the Kafka
 * topics that carry configuration and attempts, or in any later API answer. And the stored forms are the safe ones:
 * API keys hashed, passwords bcrypt-hashed, webhook secrets encrypted.
 */
class SecretsIntegrationTests {

    private static final String COOKIE = DashboardHttp.COOKIE;

    @Test
    void noSecretIsLoggedStoredInClearOrAnsweredAgainAfterAFullRun() throws Exception {
        Map<String, String> secrets = new LinkedHashMap<>();
        List<String> answers = new ArrayList<>();
        DashboardWorkspace workspace = DashboardWorkspace.create();
        secrets.put("dashboard password", workspace.password());
        WebTestClient api = workspace.api();
        try (TestReceiver receiver = TestReceiver.start()) {
            JsonNode created = json(api.post().uri("/api/v1/platform/webhooks").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("name", "Secret keeper", "url", receiver.url("/secrets"), "events", List.of("email.opened"))), 201);
            String webhook = created.get("id").asString();
            secrets.put("webhook secret", created.get("secret").asString());

            String v1Secret = "own-v1-secret-" + UUID.randomUUID();
            secrets.put("v1 caller's own secret", v1Secret);
            String v1 = json(api.post().uri("/v1/webhooks").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("url", receiver.url("/secrets-v1"), "events", List.of("opened"), "secret", v1Secret)), 201).get("id").asString();

            JsonNode key = json(api.post().uri("/api/v1/platform/api-keys").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("name", "Scanned key", "role", "admin")), 201);
            secrets.put("API key", key.get("key").asString());

            // a delivery signed with the secret, through ingest with the workspace's ingest key
            JsonNode example = Json.mapper().readTree(EventType.EMAIL_OPENED.exampleJson());
            WebTestClient.bindToServer().baseUrl(TestStack.get().ingestUrl()).defaultHeader("Authorization", "Bearer " + workspace.ingestKey())
                    .build().post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("type", "email.opened", "data", example.get("data"))).exchange().expectStatus().isAccepted();
            receiver.awaitRequests(2, Duration.ofSeconds(30)); // the platform webhook and the /v1 one

            JsonNode rotated = json(api.post().uri("/api/v1/platform/webhooks/{id}/rotate-secret", webhook)
                    .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("grace_period_seconds", 3600)), 200);
            secrets.put("rotated webhook secret", rotated.get("secret").asString());
            answers.add(text(api.post().uri("/api/v1/platform/webhooks/{id}/test", webhook).contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("event_type", "email.opened")).exchange().expectStatus().isOk().expectBody().returnResult()));

            // the new key at work, and the dashboard: a failed sign-in, then a good one and a page
            WebTestClient withKey = WebTestClient.bindToServer().baseUrl(TestStack.get().apiUrl())
                    .defaultHeader("Authorization", "Bearer " + secrets.get("API key")).build();
            answers.add(text(withKey.get().uri("/api/v1/platform/webhooks/{id}", webhook).exchange().expectStatus().isOk().expectBody().returnResult()));
            String wrongPassword = "wrong-" + workspace.password();
            secrets.put("mistyped dashboard password", wrongPassword);
            signIn(workspace.adminEmail(), wrongPassword, 302);
            String session = signIn(workspace.adminEmail(), workspace.password(), 302);
            answers.add(text(http().get().uri("/dashboard/settings/webhooks/{id}", webhook).cookie(COOKIE, session).exchange()
                    .expectStatus().isOk().expectBody().returnResult()));

            // every later answer about them
            for (String path : List.of("/api/v1/platform/webhooks/" + webhook, "/api/v1/platform/webhooks/" + webhook + "/deliveries",
                    "/api/v1/platform/webhooks", "/v1/webhooks/" + v1, "/v1/webhooks/" + v1 + "/logs", "/api/v1/platform/api-keys",
                    "/api/v1/platform/webhooks/" + webhook + "/deliveries.csv")) {
                answers.add(text(api.get().uri(path).exchange().expectStatus().isOk().expectBody().returnResult()));
            }
            JsonNode deliveries = json(api.get().uri("/api/v1/platform/webhooks/{id}/deliveries", webhook), 200).get("data");
            assertThat(deliveries.size()).as("the delivery and the test send").isPositive();
            for (JsonNode delivery : deliveries.valueStream().toList()) {
                answers.add(text(api.get().uri("/api/v1/platform/webhooks/{w}/deliveries/{d}", webhook, delivery.get("id").asString())
                        .exchange().expectStatus().isOk().expectBody().returnResult()));
            }
        }
        secrets.put("master encryption key", masterKey());

        String logs = Files.readString(TestStack.LOG_FILE, StandardCharsets.UTF_8);
        assertThat(logs).as("the stack's log file").isNotEmpty();
        String database = everyRow();
        String topics = topics(Topics.CONFIG, Topics.API_KEYS, Topics.ATTEMPTS, Topics.TESTS, Topics.TEST_RESULTS, Topics.POISON);
        for (Map.Entry<String, String> secret : secrets.entrySet()) {
            String value = secret.getValue();
            assertThat(logs).as("the %s in the logs", secret.getKey()).doesNotContain(value);
            assertThat(database).as("the %s in a database row", secret.getKey()).doesNotContain(value);
            assertThat(topics).as("the %s in a Kafka record", secret.getKey()).doesNotContain(value);
            assertThat(answers).as("the %s in a later API answer", secret.getKey()).noneMatch(answer -> answer.contains(value));
            if (value.startsWith("whsec_")) {
                // the key bytes the secret stands for, as written after the prefix
                String keyPart = value.substring("whsec_".length());
                assertThat(logs + database + topics).as("the %s's key part", secret.getKey()).doesNotContain(keyPart);
            }
        }

        try (Connection db = TestStack.database()) {
            assertThat(single(db, "select key_hash from api_keys where key_hash = ?", ApiKeys.hash(secrets.get("API key"))))
                    .as("the API key is stored as its hash").isEqualTo(ApiKeys.hash(secrets.get("API key")));
            String password = single(db, "select password_hash from users where workspace_id = ? and email = ?", workspace.id(),
                    workspace.adminEmail());
            assertThat(password).as("the dashboard password is stored bcrypt-hashed").matches("(\\{bcrypt})?\\$2[aby]?\\$\\d\\d\\$.{53}");
            assertThat(count(db, "select count(*) from webhook_secrets s join webhooks w on w.id = s.webhook_id where w.workspace_id = ?",
                    workspace.id())).as("the webhook secrets rows (2 of the rotated webhook, 1 of /v1)").isEqualTo(3);
        }
    }

    // ---- what is scanned ---------------------------------------------------------------------------------------

    /** Every row of every table of the database, as text. */
    private static String everyRow() throws Exception {
        StringBuilder all = new StringBuilder();
        try (Connection db = TestStack.database()) {
            List<String> tables = new ArrayList<>();
            try (var query = db.createStatement(); ResultSet rows = query.executeQuery(
                    "select tablename from pg_tables where schemaname = 'public'")) {
                while (rows.next()) {
                    tables.add(rows.getString(1));
                }
            }
            assertThat(tables).contains("webhooks", "webhook_secrets", "api_keys", "users", "delivery_attempts");
            for (String table : tables) {
                try (var query = db.createStatement(); ResultSet rows = query.executeQuery("select t::text from \"" + table + "\" t")) {
                    while (rows.next()) {
                        all.append(rows.getString(1)).append('\n');
                    }
                }
            }
        }
        return all.toString();
    }

    /** Every record of the topics, keys, values and headers, as text, up to their end now. */
    private static String topics(String... names) {
        StringBuilder all = new StringBuilder();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestStack.get().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "secrets-scan-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String name : names) {
                consumer.partitionsFor(name).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("reading the topics to their end within a minute").isLessThan(deadline);
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    all.append(record.key()).append(' ');
                    if (record.value() != null) {
                        all.append(new String(record.value(), StandardCharsets.UTF_8));
                    }
                    record.headers().forEach(h -> all.append(' ').append(h.key()).append('=')
                            .append(new String(h.value(), StandardCharsets.UTF_8)));
                    all.append('\n');
                });
            }
        }
        return all.toString();
    }

    private static String masterKey() throws Exception {
        Properties state = new Properties();
        try (var in = Files.newInputStream(TestStack.get().options().dataDir().resolve("local-stack.properties"))) {
            state.load(in);
        }
        String key = state.getProperty("secret-encryption-key");
        assertThat(key).isNotBlank();
        return key;
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl(TestStack.get().apiUrl()).build();
    }

    /** Signs in as a browser would, expecting the status; returns the session cookie. */
    private static String signIn(String email, String password, int status) {
        EntityExchangeResult<byte[]> signedIn = DashboardHttp.signIn(http(), email, password);
        assertThat(signedIn.getStatus().value()).as("sign-in of %s", email).isEqualTo(status);
        var cookie = signedIn.getResponseCookies().getFirst(COOKIE);
        return cookie == null ? null : cookie.getValue();
    }

    private static JsonNode json(WebTestClient.RequestHeadersSpec<?> request, int status) {
        return Json.mapper().readTree(request.exchange().expectStatus().isEqualTo(status).expectBody().returnResult().getResponseBody());
    }

    private static String text(EntityExchangeResult<byte[]> result) {
        return result.getResponseBody() == null ? "" : new String(result.getResponseBody(), StandardCharsets.UTF_8);
    }

    private static String single(Connection db, String sql, String... parameters) throws Exception {
        try (var query = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).as(sql).isTrue();
                return rows.getString(1);
            }
        }
    }

    private static long count(Connection db, String sql, String parameter) throws Exception {
        return Long.parseLong(single(db, sql, parameter));
    }
}
