package com.penguinmails.webhooks.dispatcher;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Headers;
import com.penguinmails.webhooks.model.Ids;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.SigningSecret;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.WebhookConfig;
import com.penguinmails.webhooks.model.signing.SecretCipher;
import com.penguinmails.webhooks.model.signing.WebhookSecrets;

/**
 * What the dispatcher's integration tests write to and read from a real broker: webhook configs, events as ingest
 * writes them, and the records the dispatcher produces.
 */
public final class DispatcherKafka implements AutoCloseable {

    /** The secret key of the tests' dispatchers: 32 zero bytes. */
    public static final String ENCRYPTION_KEY = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

    private final String brokers;
    private final KafkaProducer<String, byte[]> producer;

    public DispatcherKafka(String brokers) {
        this.brokers = brokers;
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer());
    }

    /** Publishes an active webhook config and returns it. */
    public WebhookConfig webhook(String workspaceId, String url, long timeoutMillis, String plan) throws Exception {
        return webhook(workspaceId, url, timeoutMillis, plan, WebhookConfig.FLAVOR_PLATFORM, 6);
    }

    /** Publishes an active webhook config of the given flavor and attempts, and returns it. */
    public WebhookConfig webhook(String workspaceId, String url, long timeoutMillis, String plan, String flavor,
                                 int maxAttempts) throws Exception {
        WebhookConfig webhook = new WebhookConfig(Ids.newWebhookId(), workspaceId, url, List.of("email.opened"), "active",
                timeoutMillis, maxAttempts, flavor,
                List.of(new SigningSecret(new SecretCipher(ENCRYPTION_KEY).encrypt(WebhookSecrets.generate()), null)), null, plan, null);
        send(Topics.CONFIG, webhook.id(), Json.write(webhook), null);
        return webhook;
    }

    /** Publishes an {@code email.opened} event of the workspace to its event topic, as ingest does; returns its id. */
    public String event(String workspaceId) throws Exception {
        EventEnvelope example = Json.read(EventType.EMAIL_OPENED.exampleJson(), EventEnvelope.class);
        EventEnvelope event = new EventEnvelope("evt_" + UUID.randomUUID().toString().replace("-", ""), example.type(),
                Instant.now(), example.data());
        send(EventType.EMAIL_OPENED.category().topic(), workspaceId, Json.write(event), workspaceId);
        return event.id();
    }

    public void send(String topic, String key, byte[] value, String workspaceId) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        if (workspaceId != null) {
            record.headers().add(Headers.KAFKA_WORKSPACE_ID, workspaceId.getBytes(StandardCharsets.UTF_8));
            record.headers().add(Headers.KAFKA_EVENT_TYPE, "email.opened".getBytes(StandardCharsets.UTF_8));
        }
        producer.send(record).get();
    }

    /** A consumer of its own (fresh group) that reads the topics from the beginning. */
    public Consumer<String, byte[]> reader(String... topics) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topics));
        return consumer;
    }

    /** Adds what the consumer has now to {@code into}, decoded. */
    public static <T> List<T> poll(Consumer<String, byte[]> consumer, Class<T> type, List<T> into) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            into.add(Json.read(record.value(), type));
        }
        return into;
    }

    public static <T> List<T> fresh() {
        return new ArrayList<>();
    }

    @Override
    public void close() {
        producer.close();
    }
}
