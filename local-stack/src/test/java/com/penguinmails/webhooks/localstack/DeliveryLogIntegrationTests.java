package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.penguinmails.webhooks.model.AttemptOutcome;
import com.penguinmails.webhooks.model.AttemptRecord;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;

/**
 * The delivery log written from attempt records that arrive together (management-api records a poll's batch in one
 * transaction): a repeated attempt is stored once, an older attempt arriving after a newer one does not roll the
 * delivery back, missing values stay missing, and the same records sent again change nothing.
 */
class DeliveryLogIntegrationTests {

    private static final String WORKSPACE = "ws_demo";

    @Test
    void recordsABatchOfAttemptsOnceEachAndKeepsEachDeliveryAtItsLatestAttempt() throws Exception {
        try (TestReceiver receiver = TestReceiver.start()) {
            String webhookId = Tour.createWebhook(Map.of("url", receiver.url("/batch-log"), "events", List.of("campaign.paused"),
                    "filters", Map.of("campaign_ids", List.of("camp_never_sent")))).get("id").asString();
            String delivered = "dlv_batch_" + UUID.randomUUID().toString().replace("-", "");
            String failed = "dlv_batch_" + UUID.randomUUID().toString().replace("-", "");
            Instant at = Instant.parse("2026-11-24T08:00:00Z");
            List<AttemptRecord> batch = List.of(
                    attempt(delivered, webhookId, 1, AttemptOutcome.RETRY_SCHEDULED, 500, null, at),
                    attempt(delivered, webhookId, 2, AttemptOutcome.RETRY_SCHEDULED, 503, null, at.plusSeconds(60)),
                    attempt(delivered, webhookId, 3, AttemptOutcome.DELIVERED, 200, null, at.plusSeconds(360)),
                    // at least once: attempt 2 again, after attempt 3
                    attempt(delivered, webhookId, 2, AttemptOutcome.RETRY_SCHEDULED, 503, null, at.plusSeconds(60)),
                    attempt(failed, webhookId, 1, AttemptOutcome.DEAD_LETTERED, null, "connection_refused", at));
            send(batch);

            Awaitility.await().atMost(Tour.WAIT.toSeconds(), TimeUnit.SECONDS).until(() -> Tour.deliveries(webhookId).size() == 2
                    && "delivered".equals(Tour.delivery(webhookId, delivered).get("status").asString()));
            assertDelivered(webhookId, delivered);
            // the first attempt's body, though a later attempt of the same batch came without one
            assertThat(Tour.delivery(webhookId, delivered).get("request_body").asString()).isEqualTo("{\"body of\":\"" + delivered + "\"}");
            JsonNode dead = Tour.delivery(webhookId, failed);
            assertThat(dead.get("status").asString()).isEqualTo("failed");
            assertThat(dead.get("error_class").asString()).isEqualTo("connection_refused");
            assertThat(dead.has("status_code")).isFalse(); // never answered: no status, not 0

            // the whole batch once more (a consumer that crashed before committing): nothing changes
            send(batch);
            send(List.of(attempt(failed, webhookId, 2, AttemptOutcome.DELIVERED, 200, null, at.plusSeconds(30))));
            Awaitility.await().atMost(Tour.WAIT.toSeconds(), TimeUnit.SECONDS).until(() ->
                    "delivered".equals(Tour.delivery(webhookId, failed).get("status").asString()));
            assertDelivered(webhookId, delivered);
            assertThat(receiver.received()).isEmpty();
        }
    }

    private static void assertDelivered(String webhookId, String deliveryId) {
        JsonNode delivery = Tour.delivery(webhookId, deliveryId);
        assertThat(delivery.get("status").asString()).isEqualTo("delivered");
        assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
        assertThat(delivery.get("status_code").asInt()).isEqualTo(200);
        assertThat(delivery.get("attempts_detail").valueStream().map(a -> a.get("attempt").asInt() + ":" + a.get("outcome").asString()))
                .containsExactly("1:retry_scheduled", "2:retry_scheduled", "3:delivered");
    }

    private static AttemptRecord attempt(String deliveryId, String webhookId, int attempt, AttemptOutcome outcome,
                                         Integer status, String errorClass, Instant at) {
        return new AttemptRecord(deliveryId, webhookId, WORKSPACE, "evt_" + deliveryId, "campaign.paused", attempt, 5, outcome,
                "http://127.0.0.1:1/batch-log", status, 12, errorClass == null ? null : "connection refused", errorClass,
                Map.of("X-Attempt", Integer.toString(attempt)), Map.of(), status == null ? null : "status " + status, false, at,
                outcome == AttemptOutcome.RETRY_SCHEDULED ? at.plusSeconds(60) : null, false,
                attempt == 1 ? "{\"body of\":\"" + deliveryId + "\"}" : null);
    }

    /** Sends the records in one go, so that the attempts listener gets them in one poll. */
    private static void send(List<AttemptRecord> attempts) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + TestStack.get().options().kafkaPort(),
                ProducerConfig.LINGER_MS_CONFIG, 50), new StringSerializer(), new ByteArraySerializer())) {
            for (AttemptRecord attempt : attempts) {
                producer.send(new ProducerRecord<>(Topics.ATTEMPTS, attempt.deliveryId(), Json.write(attempt)));
            }
            producer.flush();
        }
    }
}
