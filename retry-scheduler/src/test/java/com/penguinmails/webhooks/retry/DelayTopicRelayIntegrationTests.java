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
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;

import com.penguinmails.webhooks.model.DeliveryTask;
import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Headers;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.schedule.DelayTiers;
import com.penguinmails.webhooks.model.schedule.EpochMillisHeader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The relay against a real broker, with time under the test's control: a record is held until the clock reaches its
 * due time, while a due record on another partition goes straight through; on the last-leg topic a short last leg is
 * not held up by a longer one ahead of it, and a restart while records are held there loses none and fires none early.
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

    @Autowired
    DelayTopicRelay relay;

    @Autowired
    ConsumerFactory<String, byte[]> consumerFactory;

    @Autowired
    RetrySchedulerProperties properties;

    @Autowired
    DelayTiers tiers;

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

    @Test
    void relaysAShortLastLegWithoutWaitingForALongerOneWrittenAheadOfIt() throws Exception {
        clock.set(START);
        TopicPartition lastLeg = new TopicPartition(DelayTiers.LAST_LEG_TOPIC, 0);
        // the last 4.9 s of a wait, then, behind it, the last 300 ms of another
        kafka.send(onLeg(lastLeg, task("dlv_long_last_leg", START.plusMillis(4900)), null)).get();
        kafka.send(onLeg(lastLeg, task("dlv_short_last_leg", START.plusMillis(300)), null)).get();

        try (Consumer<String, byte[]> dueTopic = dueConsumer()) {
            List<String> relayed = new ArrayList<>();
            assertNothingFor(dueTopic, relayed, Duration.ofSeconds(2));
            clock.set(START.plusMillis(300));
            Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> poll(dueTopic, relayed).contains("dlv_short_last_leg"));
            // the longer one is still held (the clock stands before its due time), so the offset stays before it
            assertThat(committed(lastLeg)).isZero();
            assertNothingFor(dueTopic, relayed, Duration.ofSeconds(1));
            assertThat(relayed).containsExactly("dlv_short_last_leg");

            clock.set(START.plusMillis(4900));
            Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> poll(dueTopic, relayed).contains("dlv_long_last_leg"));
            assertThat(relayed).containsExactly("dlv_short_last_leg", "dlv_long_last_leg");
            awaitCommitted(lastLeg, 2);
        }
    }

    @Test
    void aRestartWhileRecordsAreHeldLosesNothingAndFiresNothingEarly() throws Exception {
        clock.set(START);
        TopicPartition lastLeg = new TopicPartition(DelayTiers.LAST_LEG_TOPIC, 1);
        relay.stop();
        try (Consumer<String, byte[]> dueTopic = dueConsumer()) {
            List<String> relayed = new ArrayList<>();
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            DelayTopicRelay first = new DelayTopicRelay(consumerFactory, kafka, properties, tiers, meters, clock);
            first.start();
            try {
                kafka.send(onLeg(lastLeg, task("dlv_held_long", START.plusMillis(900)), null)).get();
                kafka.send(onLeg(lastLeg, task("dlv_held_short", START.plusMillis(400)), null)).get();
                Awaitility.await().atMost(20, TimeUnit.SECONDS)
                        .until(() -> meters.get("penguin.scheduler.held").gauge().value() == 2);
            } finally {
                first.stop(); // both held, neither due: the process goes away with them in memory
            }
            assertThat(committedOrZero(lastLeg)).isZero();

            DelayTopicRelay second = new DelayTopicRelay(consumerFactory, kafka, properties, tiers, new SimpleMeterRegistry(), clock);
            second.start();
            try {
                assertNothingFor(dueTopic, relayed, Duration.ofSeconds(3));
                clock.set(START.plusMillis(400));
                Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> poll(dueTopic, relayed).contains("dlv_held_short"));
                assertNothingFor(dueTopic, relayed, Duration.ofSeconds(1));
                assertThat(relayed).containsExactly("dlv_held_short");
                clock.set(START.plusMillis(900));
                Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> poll(dueTopic, relayed).contains("dlv_held_long"));
                assertThat(relayed).containsExactly("dlv_held_short", "dlv_held_long");
                awaitCommitted(lastLeg, 2);
            } finally {
                second.stop();
            }
        } finally {
            relay.start();
        }
    }

    /**
     * A failure in the relay's loop (here a forward the producer refuses; in production, a commit the broker refuses
     * after it dropped the member) does not end the relay: it starts a new consumer after a pause, which reads the
     * uncommitted record again and relays it once the cause is gone. Before, the relay's thread ended and every retry
     * waited on the delay topics until the scheduler was restarted by hand.
     */
    @Test
    void aFailureInTheRelayStartsANewConsumerThatRelaysWhatWasNotCommitted() throws Exception {
        clock.set(START);
        TopicPartition tier = new TopicPartition("webhooks.retry.5m", 0);
        relay.stop();
        DefaultKafkaProducerFactory<String, byte[]> producers = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2048), new StringSerializer(), new ByteArraySerializer());
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        DelayTopicRelay failing = new DelayTopicRelay(consumerFactory, new KafkaTemplate<>(producers), properties, tiers, meters, clock);
        try (Consumer<String, byte[]> dueTopic = dueConsumer()) {
            EventEnvelope example = Json.read(EventType.EMAIL_BOUNCED.exampleJson(), EventEnvelope.class);
            EventEnvelope large = new EventEnvelope(example.id(), example.type(), example.createdAt(),
                    Json.mapper().createObjectNode().put("padding", "x".repeat(4096)));
            long offset = kafka.send(onLeg(tier, new DeliveryTask("dlv_too_large", "wh_1", "ws_1", large, 2, START.minusSeconds(1)), null))
                    .get().getRecordMetadata().offset();
            failing.start();
            Awaitility.await("the relay failed and started again").atMost(20, TimeUnit.SECONDS)
                    .until(() -> meters.get("penguin.scheduler.relay.restarts").counter().count() >= 2);
            List<String> relayed = new ArrayList<>();
            assertThat(poll(dueTopic, relayed)).doesNotContain("dlv_too_large");
            assertThat(committed(tier)).isLessThanOrEqualTo(offset);

            producers.updateConfigs(Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_048_576));
            producers.reset();
            Awaitility.await("relayed by a later consumer").atMost(60, TimeUnit.SECONDS)
                    .until(() -> poll(dueTopic, relayed).contains("dlv_too_large"));
            awaitCommitted(tier, offset + 1);
        } finally {
            failing.stop();
            producers.destroy();
            relay.start();
        }
    }

    /** A record on a leg of its wait, as the dispatcher and the scheduler write them: the times in headers. */
    private static ProducerRecord<String, byte[]> onLeg(TopicPartition tier, DeliveryTask task, Instant legEnds) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(tier.topic(), tier.partition(), task.webhookId(),
                Json.write(legEnds == null ? task : task.onHopUntil(legEnds)));
        record.headers().add(Headers.KAFKA_DUE_AT, EpochMillisHeader.encode(task.dueAt()));
        if (legEnds != null) {
            record.headers().add(Headers.KAFKA_HOP_DUE_AT, EpochMillisHeader.encode(legEnds));
        }
        return record;
    }

    private static void assertNothingFor(Consumer<String, byte[]> dueTopic, List<String> relayed, Duration quiet) {
        int before = relayed.size();
        long until = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < until) {
            poll(dueTopic, relayed);
        }
        assertThat(relayed).hasSize(before);
    }

    private long committed(TopicPartition partition) throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets("retry-scheduler").partitionsToOffsetAndMetadata()
                    .get().get(partition);
            return offset == null ? -1 : offset.offset();
        }
    }

    private long committedOrZero(TopicPartition partition) throws Exception {
        return Math.max(0, committed(partition));
    }

    private void awaitCommitted(TopicPartition partition, long offset) {
        Awaitility.await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> assertThat(committed(partition)).isEqualTo(offset));
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
