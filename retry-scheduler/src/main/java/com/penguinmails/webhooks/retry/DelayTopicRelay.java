package com.penguinmails.webhooks.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.schedule.DelayTiers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.node.ObjectNode;

/**
 * Moves records from the delay topics to {@code webhooks.deliveries.due} when they fall due.
 *
 * <p>A record waits on a tier until its {@code hop_due_at}, one leg of its wait (see {@link DelayTiers}); then it
 * goes on to the next tier, or to the due topic once its {@code due_at} has come. Every leg on a tier is that tier's
 * delay long, so records in one tier are in due order and a partition's head is always its earliest. When the head is
 * not yet due, the partition is paused and rewound to it, and the consumer's poll blocks until the earliest paused
 * partition is due: no busy-waiting, no record held only in memory. Offsets are committed after the broker has
 * acknowledged the republished records, so a crash replays rather than loses.
 *
 * <p>This is a plain consumer on its own thread rather than a {@code @KafkaListener}: the container's
 * {@code nack(Duration)} pauses every partition of the consumer, where one partition's head should not hold back
 * another's.
 */
@Component
class DelayTopicRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DelayTopicRelay.class);
    private static final Duration MIN_POLL_WAIT = Duration.ofMillis(5);
    private static final Duration PENDING_REFRESH = Duration.ofSeconds(5);

    private final ConsumerFactory<String, byte[]> consumerFactory;
    private final KafkaTemplate<String, byte[]> kafka;
    private final RetrySchedulerProperties properties;
    private final Clock clock;
    private final DelayTiers tiers;
    private final Map<TopicPartition, Instant> pausedUntil = new HashMap<>();
    private final Map<String, AtomicLong> pending = new ConcurrentHashMap<>();
    private final Timer lateness;
    private final Counter relayedDue;
    private final Counter relayedOn;
    private volatile Consumer<String, byte[]> consumer;
    private volatile boolean running;
    private Thread thread;
    private long pendingCountedAt = System.nanoTime() - PENDING_REFRESH.toNanos();

    DelayTopicRelay(ConsumerFactory<String, byte[]> consumerFactory, KafkaTemplate<String, byte[]> kafka,
                    RetrySchedulerProperties properties, DelayTiers tiers, MeterRegistry meters, Clock clock) {
        this.consumerFactory = consumerFactory;
        this.kafka = kafka;
        this.properties = properties;
        this.tiers = tiers;
        this.clock = clock;
        for (String topic : tiers.topics()) {
            AtomicLong count = new AtomicLong();
            pending.put(topic, count);
            Gauge.builder("penguin.scheduler.pending", count, AtomicLong::get)
                    .description("records waiting on the delay topic (partitions assigned to this instance)")
                    .tag("tier", topic).register(meters);
        }
        this.lateness = Timer.builder("penguin.scheduler.lateness")
                .description("how long after its due time a delivery was passed to " + Topics.DELIVERIES_DUE)
                .publishPercentiles(0.5, 0.99, 0.999).publishPercentileHistogram().register(meters);
        this.relayedDue = Counter.builder("penguin.scheduler.relayed").tag("to", "due")
                .description("records moved off the delay topics").register(meters);
        this.relayedOn = Counter.builder("penguin.scheduler.relayed").tag("to", "next_tier")
                .description("records moved off the delay topics").register(meters);
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().name("delay-topic-relay").start(this::run);
    }

    @Override
    public synchronized void stop() {
        running = false;
        Consumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            if (thread != null) {
                thread.join(Duration.ofSeconds(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        try (Consumer<String, byte[]> kafkaConsumer = consumerFactory.createConsumer(properties.groupId(), "relay")) {
            consumer = kafkaConsumer;
            List<String> topics = tiers.topics();
            kafkaConsumer.subscribe(topics, new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    partitions.forEach(pausedUntil::remove);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                }
            });
            while (running) {
                resumeDuePartitions(kafkaConsumer);
                ConsumerRecords<String, byte[]> records = kafkaConsumer.poll(pollWait());
                if (!records.isEmpty()) {
                    relay(kafkaConsumer, records);
                }
                countPending(kafkaConsumer);
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.error("the delay-topic relay stopped; records stay on the delay topics until it restarts", e);
        } finally {
            running = false;
        }
    }

    private void relay(Consumer<String, byte[]> kafkaConsumer, ConsumerRecords<String, byte[]> records) {
        Instant now = clock.instant();
        List<CompletableFuture<?>> sends = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                DueTime due = dueTime(record);
                if (due != null && due.leavesTierAt().isAfter(now)) {
                    kafkaConsumer.seek(partition, record.offset());
                    kafkaConsumer.pause(List.of(partition));
                    pausedUntil.put(partition, due.leavesTierAt());
                    break;
                }
                if (due == null || !due.dueAt().isAfter(now)) {
                    sends.add(kafka.send(new ProducerRecord<>(Topics.DELIVERIES_DUE, record.key(), record.value())));
                    if (due != null) {
                        lateness.record(Duration.between(due.dueAt(), now));
                    }
                    relayedDue.increment();
                } else {
                    // a leg of a longer wait ended: on to the next tier
                    DelayTiers.Hop hop = tiers.hop(now, due.dueAt());
                    sends.add(kafka.send(new ProducerRecord<>(hop.tier().topic(), record.key(), withHop(record.value(), hop.hopDueAt()))));
                    relayedOn.increment();
                }
                commits.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        if (!commits.isEmpty()) {
            // send now rather than after linger.ms: the commit below waits for every acknowledgement anyway
            kafka.flush();
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
            kafkaConsumer.commitSync(commits);
        }
    }

    /** A record whose due time cannot be read is due now (null): better an early retry than a lost delivery. */
    private DueTime dueTime(ConsumerRecord<String, byte[]> record) {
        try {
            DueTime due = DueTime.read(record.value());
            return due.dueAt() == null ? null : due;
        } catch (RuntimeException e) {
            log.warn("no readable due_at at {}-{}@{}; passing it on now", record.topic(), record.partition(), record.offset());
            return null;
        }
    }

    private static byte[] withHop(byte[] value, Instant hopDueAt) {
        ObjectNode task = (ObjectNode) Json.mapper().readTree(value);
        task.put("hop_due_at", hopDueAt.toString());
        return Json.write(task);
    }

    /**
     * Records waiting per tier: for each partition of this instance, the distance from its position to its end. The
     * ends are asked of the broker every few seconds: a paused partition is not fetched, so the consumer's own idea of
     * its end (what {@code currentLag} uses) stays where it was when the partition was paused.
     */
    private void countPending(Consumer<String, byte[]> kafkaConsumer) {
        if (System.nanoTime() - pendingCountedAt < PENDING_REFRESH.toNanos()) {
            return;
        }
        pendingCountedAt = System.nanoTime();
        try {
            Map<String, Long> counts = new HashMap<>();
            Map<TopicPartition, Long> ends = kafkaConsumer.endOffsets(kafkaConsumer.assignment(), PENDING_REFRESH);
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                long position = kafkaConsumer.position(end.getKey(), PENDING_REFRESH);
                counts.merge(end.getKey().topic(), Math.max(0, end.getValue() - position), Long::sum);
            }
            pending.forEach((topic, count) -> count.set(counts.getOrDefault(topic, 0L)));
        } catch (TimeoutException e) {
            log.debug("could not count the pending records this time", e);
        }
    }

    private void resumeDuePartitions(Consumer<String, byte[]> kafkaConsumer) {
        Instant now = clock.instant();
        List<TopicPartition> due = pausedUntil.entrySet().stream()
                .filter(e -> !e.getValue().isAfter(now)).map(Map.Entry::getKey).toList();
        if (!due.isEmpty()) {
            due.forEach(pausedUntil::remove);
            kafkaConsumer.resume(due);
        }
    }

    private Duration pollWait() {
        Duration wait = properties.maxPollWait();
        Instant now = clock.instant();
        for (Instant due : pausedUntil.values()) {
            Duration untilDue = Duration.between(now, due);
            if (untilDue.compareTo(wait) < 0) {
                wait = untilDue;
            }
        }
        return wait.compareTo(MIN_POLL_WAIT) < 0 ? MIN_POLL_WAIT : wait;
    }
}
