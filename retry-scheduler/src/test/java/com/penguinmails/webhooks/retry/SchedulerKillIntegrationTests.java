package com.penguinmails.webhooks.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import org.springframework.kafka.test.context.EmbeddedKafka;

import com.penguinmails.webhooks.model.DeliveryTask;
import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Headers;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.schedule.DelayTiers;
import com.penguinmails.webhooks.model.schedule.EpochMillisHeader;

/**
 * The retry scheduler as its own OS process, killed with SIGKILL (no shutdown hook, no last commit) 5.6 s into two
 * waits, when one delivery has left its 5 s leg for the last-leg topic (held in memory until due, 1.4 s later) and the
 * other sits paused on the 15 s tier, then started again: both deliveries reach
 * {@code webhooks.deliveries.due}, none before its due time. Duplicates are allowed (at least once), losses are not.
 */
@EmbeddedKafka(partitions = 2)
class SchedulerKillIntegrationTests {

    @Test
    void aSchedulerKilledMidWaitLosesNothingAndFiresNothingEarlyAfterARestart() throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaCondition.getBroker();
        String brokers = broker.getBrokersAsString();
        Process first = scheduler(brokers, "first");
        try (KafkaConsumer<String, byte[]> due = dueConsumer(brokers)) {
            awaitRelayConsuming(brokers);
            Instant now = Instant.now();
            // one wait of 7 s (a 5 s leg, then held ~2 s on the last-leg topic), one of 20 s (paused on the 15 s tier)
            DeliveryTask soon = task("dlv_kill_soon", now.plusSeconds(7));
            DeliveryTask later = task("dlv_kill_later", now.plusSeconds(20));
            send(brokers, soon, now);
            send(brokers, later, now);

            // past the first leg of the short wait: the scheduler now holds it in memory, due in about 2 s
            Thread.sleep(Duration.between(Instant.now(), now.plusMillis(5_600)).toMillis());
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            List<ConsumerRecord<String, byte[]>> received = new ArrayList<>();
            poll(due, received, Duration.ofSeconds(3));
            assertThat(received).isEmpty(); // the process is gone: nothing relays

            Process second = scheduler(brokers, "second");
            try {
                Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> {
                    poll(due, received, Duration.ofMillis(200));
                    return ids(received).containsAll(List.of(soon.deliveryId(), later.deliveryId()));
                });
            } finally {
                second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            for (ConsumerRecord<String, byte[]> record : received) {
                DeliveryTask task = Json.read(record.value(), DeliveryTask.class);
                assertThat(Instant.ofEpochMilli(record.timestamp())).as("relayed no earlier than due: %s", task.deliveryId())
                        .isAfterOrEqualTo(task.dueAt().minusMillis(1));
            }
        } finally {
            first.destroyForcibly();
        }
    }

    /** {@code RetrySchedulerApplication} in a JVM of its own, on this test's classpath, its output in a file. */
    private static Process scheduler(String brokers, String name) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Path log = Files.createTempFile("scheduler-" + name, ".log");
        return new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                RetrySchedulerApplication.class.getName(),
                "--spring.kafka.bootstrap-servers=" + brokers, "--server.port=0", "--penguin.kafka.partitions=2",
                // the broker notices the killed member after this (its minimum), not after the default 45 s
                "--spring.kafka.consumer.properties.session.timeout.ms=6000",
                "--logging.level.root=WARN")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /** Waits until the scheduler's consumer has joined its group and been given partitions. */
    private static void awaitRelayConsuming(String brokers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            Awaitility.await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() ->
                    admin.describeConsumerGroups(List.of("retry-scheduler")).all().get().values().stream()
                            .anyMatch(group -> group.members().stream().anyMatch(member -> !member.assignment().topicPartitions().isEmpty())));
        }
    }

    /** Writes the delivery to the first tier of its wait, as the dispatcher does. */
    private static void send(String brokers, DeliveryTask task, Instant now) throws Exception {
        DelayTiers.Hop hop = DelayTiers.defaults().hop(now, task.dueAt());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(hop.tier().topic(), task.webhookId(),
                Json.write(task.onHopUntil(hop.hopDueAt())));
        record.headers().add(Headers.KAFKA_DUE_AT, EpochMillisHeader.encode(task.dueAt()))
                .add(Headers.KAFKA_HOP_DUE_AT, EpochMillisHeader.encode(hop.hopDueAt()));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get();
        }
    }

    private static DeliveryTask task(String deliveryId, Instant due) {
        EventEnvelope event = Json.read(EventType.EMAIL_BOUNCED.exampleJson(), EventEnvelope.class);
        return new DeliveryTask(deliveryId, "wh_kill", "ws_kill", event, 2, due);
    }

    private static KafkaConsumer<String, byte[]> dueConsumer(String brokers) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "kill-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Topics.DELIVERIES_DUE));
        return consumer;
    }

    private static void poll(KafkaConsumer<String, byte[]> consumer, List<ConsumerRecord<String, byte[]>> into, Duration wait) {
        long end = System.nanoTime() + wait.toNanos();
        while (System.nanoTime() < end) {
            consumer.poll(Duration.ofMillis(100)).forEach(into::add);
        }
    }

    private static List<String> ids(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().map(record -> Json.read(record.value(), DeliveryTask.class).deliveryId()).toList();
    }
}
