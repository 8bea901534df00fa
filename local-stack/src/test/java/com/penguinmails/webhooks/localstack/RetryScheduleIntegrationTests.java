package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import com.penguinmails.webhooks.model.DeliveryTask;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;

/**
 * The retry schedule end to end, with the test stack's delays (1 s, then 2 s, each ± 10 %): attempts come at the
 * right times, exhausted deliveries end on the dead-letter topic, and a scheduler restarted mid-wait loses nothing
 * and fires nothing early.
 */
class RetryScheduleIntegrationTests {

    @Test
    void deliversOnTheThirdAttemptAfterTwoFailuresAtTheScheduledTimes() throws Exception {
        try (TestReceiver receiver = TestReceiver.start(500, 500)) {
            String id = Tour.createWebhook(Map.of("url", receiver.url("/third"), "events", List.of("contact.created"),
                    "max_retries", 5, "filters", Map.of("payload", Map.of("contact_id", "cont_third")))).get("id").asString();
            Tour.publish(created("cont_third"));
            JsonNode delivered = Tour.awaitDelivery(id, "delivered");
            assertThat(delivered.get("attempts").asInt()).isEqualTo(3);
            List<TestReceiver.Received> requests = receiver.received();
            assertThat(requests).hasSize(3);
            Duration first = Duration.between(requests.get(0).receivedAt(), requests.get(1).receivedAt());
            Duration second = Duration.between(requests.get(1).receivedAt(), requests.get(2).receivedAt());
            // never early (1 s and 2 s less 10 % jitter), and not held back by more than scheduling and processing
            assertThat(first).isBetween(Duration.ofMillis(900), Duration.ofMillis(1100 + 2000));
            assertThat(second).isBetween(Duration.ofMillis(1800), Duration.ofMillis(2200 + 2000));
        }
    }

    @Test
    void endsOnTheDeadLetterTopicAfterExactlyItsAttempts() throws Exception {
        try (TestReceiver receiver = TestReceiver.start(500, 500, 500, 500, 500, 500);
             KafkaConsumer<String, byte[]> dead = consumer(Topics.DELIVERIES_DEAD)) {
            String id = Tour.createWebhook(Map.of("url", receiver.url("/dead"), "events", List.of("contact.created"),
                    "max_retries", 2, "filters", Map.of("payload", Map.of("contact_id", "cont_dead")))).get("id").asString();
            Tour.publish(created("cont_dead"));
            List<DeliveryTask> deadLetters = new ArrayList<>();
            Awaitility.await().atMost(Tour.WAIT.toSeconds(), TimeUnit.SECONDS).until(() -> {
                for (ConsumerRecord<String, byte[]> record : dead.poll(Duration.ofMillis(200))) {
                    DeliveryTask task = Json.read(record.value(), DeliveryTask.class);
                    if (task.webhookId().equals(id)) {
                        deadLetters.add(task);
                    }
                }
                return !deadLetters.isEmpty();
            });
            assertThat(deadLetters).singleElement().satisfies(task -> assertThat(task.attempt()).isEqualTo(3));
            JsonNode failed = Tour.awaitDelivery(id, "failed");
            assertThat(failed.get("attempts").asInt()).isEqualTo(3);
            // and nothing after: past the longest wait, still three requests
            Thread.sleep(3000);
            assertThat(receiver.received()).hasSize(3);
        }
    }

    @Test
    void makesOneAttemptOnlyWhenRetriesAreSwitchedOff() throws Exception {
        try (TestReceiver receiver = TestReceiver.start(500, 500, 500)) {
            JsonNode created = Tour.createWebhook(Map.of("url", receiver.url("/no-retries"), "events", List.of("contact.created"),
                    "retries_enabled", false, "filters", Map.of("payload", Map.of("contact_id", "cont_no_retries"))));
            assertThat(created.get("retries_enabled").asBoolean()).isFalse();
            assertThat(created.get("max_retries").asInt()).isEqualTo(5);
            String id = created.get("id").asString();
            Tour.publish(created("cont_no_retries"));
            JsonNode failed = Tour.awaitDelivery(id, "failed");
            assertThat(failed.get("attempts").asInt()).isEqualTo(1);
            assertThat(failed.get("max_attempts").asInt()).isEqualTo(1);
            Thread.sleep(2500);
            assertThat(receiver.received()).hasSize(1);
        }
    }

    @Test
    void aSchedulerRestartedMidWaitLosesNothingAndFiresNothingEarly() throws Exception {
        try (TestReceiver receiver = TestReceiver.answering(
                new TestReceiver.Answer(429, Map.of("Retry-After", "8"), "slow down"))) {
            String id = Tour.createWebhook(Map.of("url", receiver.url("/restart"), "events", List.of("contact.created"),
                    "filters", Map.of("payload", Map.of("contact_id", "cont_restart")))).get("id").asString();
            Tour.publish(created("cont_restart"));
            Instant first = receiver.awaitRequests(1, Tour.WAIT).getFirst().receivedAt();
            Thread.sleep(1500);
            TestStack.get().restart("retry-scheduler");

            Instant second = receiver.awaitRequests(2, Tour.WAIT).get(1).receivedAt();
            assertThat(Duration.between(first, second)).isGreaterThanOrEqualTo(Duration.ofSeconds(8));
            Tour.awaitDelivery(id, "delivered");
            Thread.sleep(2000);
            assertThat(receiver.received()).hasSize(2);
        }
    }

    @Test
    void reportsPendingRetriesLatenessAndDeadLetters() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String scheduler = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + TestStack.get().options().schedulerPort()
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(scheduler).contains("penguin_scheduler_pending{tier=\"webhooks.retry.1m\"}")
                .contains("penguin_scheduler_lateness_seconds").contains("penguin_scheduler_relayed_total{to=\"due\"}");
        String dispatcher = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + TestStack.get().options().dispatcherPort()
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(dispatcher).contains("penguin_dispatcher_dead_letters_total").contains("penguin_dispatcher_deferred_total")
                .contains("penguin_dispatcher_in_flight{lane=\"first_attempts\"}");
    }

    private static Map<String, Object> created(String contact) {
        return Map.of("type", "contact.created", "data", Map.of("contact_id", contact, "email", contact + "@example.com"));
    }

    private static KafkaConsumer<String, byte[]> consumer(String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestStack.get().kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "schedule-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}
