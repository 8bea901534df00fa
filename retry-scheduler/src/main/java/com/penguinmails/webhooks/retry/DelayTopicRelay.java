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

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.model.schedule.DelayTiers;
import io.micrometer.core.instrument.MeterRegistry;

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
 * <p>What each record does is {@link RelayPlan}'s decision ({@link RelayDecision}); this class runs the consumer and
 * applies it. It is a plain consumer on its own thread rather than a {@code @KafkaListener}: the container's
 * {@code nack(Duration)} pauses every partition of the consumer, where one partition's head should not hold back
 * another's.
 */
@Component
class DelayTopicRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DelayTopicRelay.class);
    private static final Duration MIN_RESTART_WAIT = Duration.ofSeconds(1);
    private static final Duration MAX_RESTART_WAIT = Duration.ofSeconds(30);

    private final ConsumerFactory<String, byte[]> consumerFactory;
    private final KafkaTemplate<String, byte[]> kafka;
    private final RetrySchedulerProperties properties;
    private final Clock clock;
    private final List<String> topics;
    private final RelayPlan plan;
    private final LastLegHold hold;
    private final RelayMetrics metrics;
    private final Map<TopicPartition, Instant> pausedUntil = new HashMap<>();
    /** The last-leg topic's partitions paused because the hold is full. */
    private final Set<TopicPartition> pausedForRoom = new HashSet<>();
    private volatile Consumer<String, byte[]> consumer;
    private volatile boolean running;
    private Thread thread;

    /** A last-leg record on its way out: once the broker has it, the hold may let its offset be committed. */
    private record Release(TopicPartition partition, long offset, String key, byte[] value, RelayDecision.Forward forward) {
    }

    DelayTopicRelay(ConsumerFactory<String, byte[]> consumerFactory, KafkaTemplate<String, byte[]> kafka,
                    RetrySchedulerProperties properties, DelayTiers tiers, MeterRegistry meters, Clock clock) {
        this.consumerFactory = consumerFactory;
        this.kafka = kafka;
        this.properties = properties;
        this.clock = clock;
        this.topics = tiers.topics();
        this.plan = new RelayPlan(tiers);
        this.hold = new LastLegHold(properties.holdMaxRecords());
        this.metrics = new RelayMetrics(meters, tiers, hold);
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
                metrics.restarted();
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
                Duration pollWait = RelayPlan.pollWait(properties.maxPollWait(), clock.instant(), hold.nextLegEnd(), pausedUntil.values());
                relay(kafkaConsumer, kafkaConsumer.poll(pollWait));
                metrics.countPending(kafkaConsumer);
            }
        } finally {
            consumer = null;
        }
    }

    /** Applies the plan's decision to each record polled, then sends what goes on now and commits what it may. */
    private void relay(Consumer<String, byte[]> kafkaConsumer, ConsumerRecords<String, byte[]> records) {
        Instant now = clock.instant();
        Batch batch = new Batch();
        for (TopicPartition partition : records.partitions()) {
            boolean lastLeg = plan.isLastLeg(partition.topic());
            partitionRecords:
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                if (lastLeg) {
                    hold.read(partition, record.offset());
                }
                switch (plan.onRead(partition.topic(), record.headers(), record.value(), now)) {
                    case RelayDecision.PauseUntil(Instant until) -> {
                        kafkaConsumer.seek(partition, record.offset());
                        kafkaConsumer.pause(List.of(partition));
                        pausedUntil.put(partition, until);
                        break partitionRecords;
                    }
                    case RelayDecision.Hold(DueTime due) -> hold.hold(new LastLegHold.Held(partition, record.offset(),
                            record.key(), record.value(), record.headers(), due));
                    case RelayDecision.Unreadable(RelayDecision.Forward forward) -> {
                        log.warn("no readable due_at at {}-{}@{}; passing it on now", record.topic(), record.partition(), record.offset());
                        batch.pass(partition, record, forward, lastLeg);
                    }
                    case RelayDecision.Forward forward -> batch.pass(partition, record, forward, lastLeg);
                }
            }
        }
        for (LastLegHold.Held held : hold.release(now)) {
            batch.released.add(new Release(held.partition(), held.offset(), held.key(), held.value(),
                    plan.forward(held.due(), held.headers(), now)));
        }
        batch.sendAndCommit(kafkaConsumer);
    }

    /**
     * One poll's records that go on now. The tiers' records are sent as they are read, the last-leg topic's after
     * them; once the broker has acknowledged every one, the offsets are committed: on a tier past the last record
     * sent, on the last-leg topic up to the first record still held.
     */
    private final class Batch {
        private final List<CompletableFuture<?>> sends = new ArrayList<>();
        private final List<Release> released = new ArrayList<>();
        private final Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();

        void pass(TopicPartition partition, ConsumerRecord<String, byte[]> record, RelayDecision.Forward forward, boolean lastLeg) {
            if (lastLeg) {
                released.add(new Release(partition, record.offset(), record.key(), record.value(), forward));
            } else {
                sends.add(send(record.key(), record.value(), forward));
                commits.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }

        void sendAndCommit(Consumer<String, byte[]> kafkaConsumer) {
            released.forEach(release -> sends.add(send(release.key(), release.value(), release.forward())));
            if (sends.isEmpty()) {
                return;
            }
            // send now rather than after linger.ms: the commit below waits for every acknowledgement anyway
            kafka.flush();
            CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).join();
            released.forEach(release -> hold.acknowledged(release.partition(), release.offset()));
            commits.putAll(hold.commits());
            if (!commits.isEmpty()) {
                kafkaConsumer.commitSync(commits);
            }
        }
    }

    /** Sends a record whose leg has ended where the plan says, its key and value as they are. */
    private CompletableFuture<?> send(String key, byte[] value, RelayDecision.Forward forward) {
        metrics.relayed(forward);
        return kafka.send(new ProducerRecord<>(forward.topic(), null, key, value, forward.headers()));
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
                    .filter(partition -> plan.isLastLeg(partition.topic()) && !pausedForRoom.contains(partition))
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
}
