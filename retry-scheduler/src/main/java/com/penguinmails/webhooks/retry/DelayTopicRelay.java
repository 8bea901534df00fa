package com.penguinmails.webhooks.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.schedule.DelayTiers;
import com.penguinmails.webhooks.model.schedule.EpochMillisHeader;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Moves records from the delay topics to {@code webhooks.deliveries.due} when they fall due.
 *
 * <p>A record waits on a tier until its leg ends ({@code pm-hop-due-at}, one leg of its wait, see {@link DelayTiers});
 * then it goes on to the next tier, or to the due topic once its {@code pm-due-at} has come. Only the headers are read
 * and rewritten; the value is passed on as it is (a record without the headers, from an older writer, has its times
 * read from the value). Every leg on a tier is that tier's delay long, so a tier's partitions are in due order; the
 * last part of a wait, shorter than the shortest tier, is on the last-leg topic, due at its due time, out of order.
 *
 * <p>The tiers are watched at their head: when the head is not yet due, the partition is paused and rewound to it,
 * and the consumer's poll blocks until the earliest paused partition is due. The last-leg topic is read past its head
 * into a bounded look-ahead ({@link LastLegHold}) and each record relayed when due, so a short last leg does not
 * wait behind a longer one written before it. Either way no busy-waiting, no record held only in memory: offsets are
 * committed after the broker has acknowledged the republished records, and on the last-leg topic never past a record
 * still held, so a crash replays rather than loses.
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
    private static final Duration MIN_RESTART_WAIT = Duration.ofSeconds(1);
    private static final Duration MAX_RESTART_WAIT = Duration.ofSeconds(30);

    private final ConsumerFactory<String, byte[]> consumerFactory;
    private final KafkaTemplate<String, byte[]> kafka;
    private final RetrySchedulerProperties properties;
    private final Clock clock;
    private final DelayTiers tiers;
    private final Map<TopicPartition, Instant> pausedUntil = new HashMap<>();
    private final String lastLegTopic;
    private final LastLegHold hold;
    /** The last-leg topic's partitions paused because the hold is full. */
    private final Set<TopicPartition> pausedForRoom = new HashSet<>();
    private final Map<String, AtomicLong> pending = new ConcurrentHashMap<>();
    private final Timer lateness;
    private final Counter relayedDue;
    private final Counter relayedOn;
    private final Counter restarts;
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
        this.lastLegTopic = tiers.lastLeg().topic();
        this.hold = new LastLegHold(properties.holdMaxRecords());
        Gauge.builder("penguin.scheduler.held", hold, LastLegHold::size)
                .description("records of the last-leg topic read ahead and held until due (bounded look-ahead; they stay on Kafka until relayed)")
                .tag("tier", lastLegTopic).register(meters);
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
        this.restarts = Counter.builder("penguin.scheduler.relay.restarts")
                .description("times the delay-topic relay failed and started again with a new consumer").register(meters);
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
        } else if (thread != null) {
            thread.interrupt(); // waiting to start a new consumer after a failure
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

    /**
     * Relays until stopped. A failure (the broker gone long enough for the group to drop this member, so that a commit
     * is refused, say) closes the consumer and starts a new one after a pause, doubling up to {@link #MAX_RESTART_WAIT}:
     * what it had read and not committed is read again by the new consumer (at least once), and nothing waits for
     * the scheduler to be restarted by hand.
     */
    private void run() {
        Duration wait = MIN_RESTART_WAIT;
        while (running) {
            try {
                relayUntilStopped();
                return;
            } catch (WakeupException e) {
                return; // stopping
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                log.error("the delay-topic relay failed; a new consumer starts in {} and reads again from the committed offsets", wait, e);
                restarts.increment();
            }
            pausedUntil.clear();
            pausedForRoom.clear();
            hold.forgetAll();
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            wait = wait.multipliedBy(2).compareTo(MAX_RESTART_WAIT) > 0 ? MAX_RESTART_WAIT : wait.multipliedBy(2);
        }
    }

    private void relayUntilStopped() {
        try (Consumer<String, byte[]> kafkaConsumer = consumerFactory.createConsumer(properties.groupId(), "relay")) {
            consumer = kafkaConsumer;
            List<String> topics = tiers.topics();
            kafkaConsumer.subscribe(topics, new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    partitions.forEach(pausedUntil::remove);
                    pausedForRoom.removeAll(partitions);
                    hold.forget(partitions);
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    onPartitionsRevoked(partitions);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                }
            });
            while (running) {
                resumeDuePartitions(kafkaConsumer);
                pauseOrResumeForRoom(kafkaConsumer);
                ConsumerRecords<String, byte[]> records = kafkaConsumer.poll(pollWait());
                relay(kafkaConsumer, records);
                countPending(kafkaConsumer);
            }
        } finally {
            consumer = null;
        }
    }

    private void relay(Consumer<String, byte[]> kafkaConsumer, ConsumerRecords<String, byte[]> records) {
        Instant now = clock.instant();
        List<CompletableFuture<?>> sends = new ArrayList<>();
        List<LastLegHold.Held> released = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            boolean lastLeg = partition.topic().equals(lastLegTopic);
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                DueTime due = dueTime(record);
                if (lastLeg) {
                    hold.read(partition, record.offset());
                    LastLegHold.Held held = new LastLegHold.Held(partition, record.offset(), record.key(),
                            record.value(), record.headers(), due);
                    if (due != null && due.leavesTierAt().isAfter(now)) {
                        hold.hold(held);
                    } else {
                        released.add(held);
                    }
                    continue;
                }
                if (due != null && due.leavesTierAt().isAfter(now)) {
                    kafkaConsumer.seek(partition, record.offset());
                    kafkaConsumer.pause(List.of(partition));
                    pausedUntil.put(partition, due.leavesTierAt());
                    break;
                }
                sends.add(forward(record.key(), record.value(), record.headers(), due, now));
                commits.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        released.addAll(hold.release(now));
        for (LastLegHold.Held held : released) {
            sends.add(forward(held.key(), held.value(), held.headers(), held.due(), now));
        }
        if (sends.isEmpty() && released.isEmpty()) {
            return;
        }
        // send now rather than after linger.ms: the commit below waits for every acknowledgement anyway
        kafka.flush();
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
        released.forEach(held -> hold.acknowledged(held.partition(), held.offset()));
        commits.putAll(hold.commits());
        if (!commits.isEmpty()) {
            kafkaConsumer.commitSync(commits);
        }
    }

    /** Sends a record whose leg has ended to the due topic, or to the tier of its next leg; the value as it is. */
    private CompletableFuture<?> forward(String key, byte[] value, Headers headers, DueTime due, Instant now) {
        if (due == null || !due.dueAt().isAfter(now)) {
            if (due != null) {
                lateness.record(Duration.between(due.dueAt(), now));
            }
            relayedDue.increment();
            return kafka.send(new ProducerRecord<>(Topics.DELIVERIES_DUE, null, key, value, withoutTimes(headers)));
        }
        // a leg of a longer wait ended: on to the next tier
        DelayTiers.Hop hop = tiers.hop(now, due.dueAt());
        RecordHeaders next = withoutTimes(headers);
        next.add(com.penguinmails.webhooks.model.Headers.KAFKA_DUE_AT, EpochMillisHeader.encode(due.dueAt()));
        next.add(com.penguinmails.webhooks.model.Headers.KAFKA_HOP_DUE_AT, EpochMillisHeader.encode(hop.hopDueAt()));
        relayedOn.increment();
        return kafka.send(new ProducerRecord<>(hop.tier().topic(), null, key, value, next));
    }

    /** The record's headers but the due-time ones: on the due topic they would be stale. */
    private static RecordHeaders withoutTimes(Headers headers) {
        RecordHeaders copy = new RecordHeaders();
        for (Header header : headers) {
            String name = header.key();
            if (!name.equals(com.penguinmails.webhooks.model.Headers.KAFKA_DUE_AT)
                    && !name.equals(com.penguinmails.webhooks.model.Headers.KAFKA_HOP_DUE_AT)) {
                copy.add(header);
            }
        }
        return copy;
    }

    /** A record whose due time cannot be read is due now (null): better an early retry than a lost delivery. */
    private DueTime dueTime(ConsumerRecord<String, byte[]> record) {
        try {
            DueTime due = DueTime.of(record.headers(), record.value());
            return due.dueAt() == null ? null : due;
        } catch (RuntimeException e) {
            log.warn("no readable due_at at {}-{}@{}; passing it on now", record.topic(), record.partition(), record.offset());
            return null;
        }
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
            // the last-leg topic's held records are behind its position, but still waiting
            counts.merge(lastLegTopic, (long) hold.size(), Long::sum);
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

    /**
     * Pauses the last-leg topic's partitions while the hold is full, so that what is read ahead stays bounded, and
     * resumes them once records have left it.
     */
    private void pauseOrResumeForRoom(Consumer<String, byte[]> kafkaConsumer) {
        if (hold.full()) {
            List<TopicPartition> lastLegPartitions = kafkaConsumer.assignment().stream()
                    .filter(partition -> partition.topic().equals(lastLegTopic) && !pausedForRoom.contains(partition))
                    .toList();
            if (!lastLegPartitions.isEmpty()) {
                kafkaConsumer.pause(lastLegPartitions);
                pausedForRoom.addAll(lastLegPartitions);
            }
        } else if (!pausedForRoom.isEmpty()) {
            kafkaConsumer.resume(pausedForRoom);
            pausedForRoom.clear();
        }
    }

    private Duration pollWait() {
        Duration wait = properties.maxPollWait();
        Instant now = clock.instant();
        Instant nextHeld = hold.nextLegEnd();
        if (nextHeld != null && Duration.between(now, nextHeld).compareTo(wait) < 0) {
            wait = Duration.between(now, nextHeld);
        }
        for (Instant due : pausedUntil.values()) {
            Duration untilDue = Duration.between(now, due);
            if (untilDue.compareTo(wait) < 0) {
                wait = untilDue;
            }
        }
        return wait.compareTo(MIN_POLL_WAIT) < 0 ? MIN_POLL_WAIT : wait;
    }
}
