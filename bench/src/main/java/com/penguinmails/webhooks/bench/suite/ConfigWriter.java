package com.penguinmails.webhooks.bench.suite;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.penguinmails.webhooks.model.Ids;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.SigningSecret;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.WebhookConfig;
import com.penguinmails.webhooks.model.signing.SecretCipher;

/**
 * Configures webhooks as management-api's outbox does, on {@code webhooks.config} with the secret encrypted under the
 * stack's key: thousands a second, in any workspace (the API's key reaches one workspace, and the scenarios need up to
 * 10,000 workspaces and 100,000 webhooks). The delivery log still records their deliveries.
 */
final class ConfigWriter implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final String encryptedSecret;

    ConfigWriter(String bootstrap, String encryptionKey, String secret) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(), new ByteArraySerializer());
        this.encryptedSecret = new SecretCipher(encryptionKey).encrypt(secret);
    }

    void webhook(String workspace, String url, int timeoutSeconds) {
        WebhookConfig webhook = new WebhookConfig(Ids.newWebhookId(), workspace, url, List.of("email.opened"),
                WebhookConfig.STATUS_ACTIVE, timeoutSeconds * 1000L, 6, WebhookConfig.FLAVOR_PLATFORM,
                List.of(new SigningSecret(encryptedSecret, null)), null, "enterprise", null);
        producer.send(new ProducerRecord<>(Topics.CONFIG, webhook.id(), Json.write(webhook)));
    }

    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }
}
