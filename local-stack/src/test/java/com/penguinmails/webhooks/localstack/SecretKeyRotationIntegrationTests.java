package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.signing.PenguinSignature;
import com.penguinmails.webhooks.model.signing.SecretCipher;
import tools.jackson.databind.JsonNode;

/**
 * A master key rotation, as an operator does it: both services get a ring with a new key first and the old one after
 * it; management-api seals every stored secret again with the new key and publishes the configs again; then the old
 * key leaves the dispatcher's ring and deliveries still verify with the webhook's unchanged secret.
 */
class SecretKeyRotationIntegrationTests {

    @Test
    void aNewMasterKeyResealsEverySecretAndTheOldKeyCanThenGo() throws Exception {
        try (TestReceiver receiver = TestReceiver.start()) {
            JsonNode created = Tour.createWebhook(Map.of("url", receiver.url("/rotate"), "events", List.of("contact.updated")));
            String id = created.get("id").asString();
            String secret = created.get("secret").asString();
            try (Connection db = TestStack.database()) {
                assertThat(storedSecrets(db, id)).singleElement().satisfies(stored -> assertThat(stored).doesNotStartWith("k-next:"));
            }

            String oldKey = currentKey();
            String newKey = SecretCipher.generateKey();
            String ring = "k-next:" + newKey + "," + oldKey;
            TestStack.get().restart("dispatcher", Map.of("penguin.dispatcher.secret-encryption-key", ring));
            TestStack.get().restart("management-api", Map.of("penguin.management.secret-encryption-key", ring));

            try (Connection db = TestStack.database()) {
                Awaitility.await().atMost(30, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200)).until(() ->
                        liveSecretsNotSealedBy(db, "k-next:") == 0 && unpublishedConfigs(db) == 0);
                assertThat(storedSecrets(db, id)).singleElement().satisfies(stored -> assertThat(stored).startsWith("k-next:"));
            }

            // the old key is gone from the dispatcher: only re-sealed configs can still be signed
            TestStack.get().restart("dispatcher", Map.of("penguin.dispatcher.secret-encryption-key", "k-next:" + newKey));
            JsonNode example = Json.mapper().readTree(EventType.CONTACT_UPDATED.exampleJson());
            Tour.publish(Map.of("type", "contact.updated", "data", example.get("data")));
            TestReceiver.Received received = receiver.awaitRequests(1, Tour.WAIT).getFirst();
            assertThat(PenguinSignature.verify(secret, received.body(), received.headers().get("x-penguinmails-signature").getFirst())).isTrue();
            TestStack.api().delete().uri("/api/v1/platform/webhooks/{id}", id).exchange().expectStatus().isNoContent();
        }
    }

    private static String currentKey() throws Exception {
        Properties state = new Properties();
        try (var in = java.nio.file.Files.newInputStream(TestStack.get().options().dataDir().resolve("local-stack.properties"))) {
            state.load(in);
        }
        return state.getProperty("secret-encryption-key");
    }

    private static List<String> storedSecrets(Connection db, String webhookId) throws Exception {
        List<String> values = new ArrayList<>();
        try (var query = db.prepareStatement("select encrypted_secret from webhook_secrets where webhook_id = ?")) {
            query.setString(1, webhookId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        }
        return values;
    }

    private static long liveSecretsNotSealedBy(Connection db, String prefix) throws Exception {
        try (var query = db.prepareStatement("select count(*) from webhook_secrets where left(encrypted_secret, ?) <> ? "
                + "and (expires_at is null or expires_at > now())")) {
            query.setInt(1, prefix.length());
            query.setString(2, prefix);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static long unpublishedConfigs(Connection db) throws Exception {
        try (ResultSet rows = db.createStatement().executeQuery("select count(*) from config_outbox where published_at is null")) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
