package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

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
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.WebhookConfig;
import com.penguinmails.webhooks.model.WorkspaceDeliveryState;

/** The workspace endpoint: its plan, which travels to the dispatcher, and the throttled state the dispatcher reports. */
class WorkspaceIntegrationTests {

    private static final String WORKSPACE = "ws_demo";

    @Test
    void carriesTheWorkspacesPlanToTheDispatcherWithEveryWebhook() {
        JsonNode workspace = workspace();
        assertThat(workspace.get("id").asString()).isEqualTo(WORKSPACE);
        assertThat(workspace.get("plan").asString()).isEqualTo("enterprise");

        String id = Tour.createWebhook(Map.of("url", "https://example.com/plan", "events", List.of("email.opened"),
                "status", "paused")).get("id").asString();
        try (KafkaConsumer<String, byte[]> config = consumer(Topics.CONFIG)) {
            Awaitility.await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> {
                WebhookConfig found = null;
                for (ConsumerRecord<String, byte[]> record : config.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(id)) {
                        found = Json.read(record.value(), WebhookConfig.class);
                    }
                }
                assertThat(found).isNotNull();
                assertThat(found.plan()).isEqualTo("enterprise");
            });
        }
    }

    @Test
    void saysWhenTheDispatcherIsHoldingTheWorkspacesDeliveriesBack() throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap()), new StringSerializer(), new ByteArraySerializer())) {
            // what a dispatcher publishes when the workspace goes over its plan's rate, and when it is back under
            Instant since = Instant.parse("2026-11-24T10:00:00Z");
            producer.send(new ProducerRecord<>(Topics.WORKSPACE_STATE, WORKSPACE,
                    Json.write(new WorkspaceDeliveryState(WORKSPACE, "enterprise", 5000, true, since, 1)))).get();
            Awaitility.await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> {
                JsonNode rate = workspace().get("delivery_rate");
                assertThat(rate.get("throttled").asBoolean()).isTrue();
                assertThat(rate.get("limit_per_second").asLong()).isEqualTo(5000);
                assertThat(rate.get("throttled_since").asString()).isEqualTo("2026-11-24T10:00:00Z");
                assertThat(rate.get("message").asString()).isEqualTo("Too many webhook deliveries. Upgrade plan for higher limits.");
            });
            producer.send(new ProducerRecord<>(Topics.WORKSPACE_STATE, WORKSPACE,
                    Json.write(new WorkspaceDeliveryState(WORKSPACE, "enterprise", 5000, false, since.plusSeconds(60), 0)))).get();
            Awaitility.await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> {
                JsonNode rate = workspace().get("delivery_rate");
                assertThat(rate.get("throttled").asBoolean()).isFalse();
                assertThat(rate.has("message")).isFalse();
            });
        }
    }

    @Test
    void refusesACallerWithoutAKey() {
        TestStack.api().get().uri("/api/v1/platform/workspace").header("Authorization", "Bearer pm_nope").exchange()
                .expectStatus().isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private static JsonNode workspace() {
        byte[] body = TestStack.api().get().uri("/api/v1/platform/workspace").exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody();
        return Json.mapper().readTree(body);
    }

    private static String bootstrap() {
        return "127.0.0.1:" + TestStack.get().options().kafkaPort();
    }

    private static KafkaConsumer<String, byte[]> consumer(String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "workspace-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}
