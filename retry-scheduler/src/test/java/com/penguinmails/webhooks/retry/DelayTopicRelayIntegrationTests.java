package com.penguinmails.webhooks.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;

import com.penguinmails.webhooks.model.DeliveryTask;
import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;

/**
 * The relay against a real broker, with time under the test's control: a record is held until the clock reaches its
 * due time, while a due record on another partition goes straight through.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.config.name=retry-scheduler",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "penguin.kafka.partitions=2",
        "penguin.retry-scheduler.max-poll-wait=100ms"})
@EmbeddedKafka(partitions = 2)
class DelayTopicRelayIntegrationTests {

    static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    @Autowired
    KafkaTemplate<String, byte[]> kafka;

    @Autowired
    MutableClock clock;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Test
    void holdsARecordUntilDueWhileADueRecordOnAnotherPartitionPasses() throws Exception {
        clock.set(START);
        String topic = "webhooks.retry.1m";
        kafka.send(new ProducerRecord<>(topic, 0, "wh_later", Json.write(task("dlv_later", START.plusSeconds(60))))).get();
        kafka.send(new ProducerRecord<>(topic, 0, "wh_later", Json.write(task("dlv_behind", START.plusSeconds(61))))).get();
        kafka.send(new ProducerRecord<>(topic, 1, "wh_now", Json.write(task("dlv_now", START.minusSeconds(1))))).get();

        try (Consumer<String, byte[]> due = dueConsumer()) {
            List<String> relayed = new ArrayList<>();
            Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> poll(due, relayed).contains("dlv_now"));
            // Nothing else may come while the clock stands before the held record's due time.
            long until = System.nanoTime() + Duration.ofSeconds(2).toNanos();
            while (System.nanoTime() < until) {
                poll(due, relayed);
            }
            assertThat(relayed).containsExactly("dlv_now");

            clock.set(START.plusSeconds(60));
            Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> poll(due, relayed).contains("dlv_later"));
            assertThat(relayed).containsExactly("dlv_now", "dlv_later");

            clock.set(START.plusSeconds(61));
            Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> poll(due, relayed).contains("dlv_behind"));
            assertThat(relayed).containsExactly("dlv_now", "dlv_later", "dlv_behind");
        }
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("retry-scheduler")
                        .partitionsToOffsetAndMetadata().get();
                assertThat(committed.get(new TopicPartition(topic, 0)).offset()).isEqualTo(2);
                assertThat(committed.get(new TopicPartition(topic, 1)).offset()).isEqualTo(1);
            });
        }
    }

    @Test
    void takesALongWaitThroughTheTiersAndFiresNeitherEarlyNorLate() throws Exception {
        // 20 min 7 s: first leg on the 15 m tier, then 5 m, then seconds
        clock.set(START);
        Instant due = START.plus(Duration.ofMinutes(20)).plusSeconds(7);
        DeliveryTask composed = task("dlv_composed", due).onHopUntil(START.plus(Duration.ofMinutes(15)));
        kafka.send(new ProducerRecord<>("webhooks.retry.15m", 0, "wh_composed", Json.write(composed))).get();
        try (Consumer<String, byte[]> dueTopic = dueConsumer()) {
            List<String> relayed = new ArrayList<>();
            clock.set(due.minusMillis(500));
            // every leg that has ended is taken at once; the last one ends exactly at the due time
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                poll(dueTopic, relayed);
            }
            assertThat(relayed).doesNotContain("dlv_composed");
            clock.set(due);
            Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> poll(dueTopic, relayed).contains("dlv_composed"));
        }
    }

    private static List<String> poll(Consumer<String, byte[]> consumer, List<String> relayed) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
            relayed.add(Json.read(record.value(), DeliveryTask.class).deliveryId());
        }
        return relayed;
    }

    private Consumer<String, byte[]> dueConsumer() {
        Consumer<String, byte[]> consumer = new DefaultKafkaConsumerFactory<String, byte[]>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "relay-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer()).createConsumer();
        consumer.subscribe(List.of(Topics.DELIVERIES_DUE));
        return consumer;
    }

    private static DeliveryTask task(String deliveryId, Instant due) {
        EventEnvelope event = Json.read(EventType.EMAIL_BOUNCED.exampleJson(), EventEnvelope.class);
        return new DeliveryTask(deliveryId, "wh_1", "ws_1", event, 2, due);
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private volatile Instant now = START;

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @TestConfiguration
    static class ClockConfiguration {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock();
        }
    }
}
