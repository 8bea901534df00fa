package com.penguinmails.webhooks.runtime;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * An in-memory map of a compacted topic's latest value per key, kept up to date by a consumer of its own.
 *
 * <p>Every instance reads the whole topic from the beginning (no consumer group, no committed offsets), so each
 * pod holds the full view. {@link #awaitCaughtUp} returns once the records that existed at start-up are applied:
 * a service must not act on an empty view (a dispatcher that started consuming events before its subscription
 * index was loaded would drop deliveries).
 *
 * <p>As a Spring bean it starts in an early lifecycle phase and blocks start-up until caught up, so Kafka listener
 * containers and the web server (later phases) never run against a partial view.
 *
 * <p>A record that does not decode is skipped, and its key keeps its last readable value. The view does not park
 * it: it reads the topic again on every restart and beside every other instance, so each would park it again. The
 * service's poison guard does, once (see {@link PoisonRecordPublisher#parkIfUnreadable}).
 *
 * @param <V> the decoded value; a null record value (tombstone) removes the key
 */
public final class CompactedTopicView<V> implements AutoCloseable, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CompactedTopicView.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

    private final String topic;
    private final Map<String, Object> consumerConfig;
    private final Function<byte[], V> decoder;
    private final Duration loadTimeout;
    private final Map<String, V> values = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final List<Listener<V>> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running;
    private Thread thread;

    /** Told of every change after it is applied. */
    public interface Listener<V> {
        void changed(String key, V oldValue, V newValue);
    }

    /**
     * @param bootstrapServers the Kafka bootstrap servers
     * @param topic            the compacted topic to mirror
     * @param decoder          turns a record value into a V, throwing when it cannot: such a record is logged and skipped
     * @param extraConfig      further consumer settings (security, client id)
     * @param loadTimeout      how long {@link #start()} waits to catch up before failing start-up
     */
    public CompactedTopicView(String bootstrapServers, String topic, Function<byte[], V> decoder,
                              Map<String, Object> extraConfig, Duration loadTimeout) {
        this.topic = topic;
        this.decoder = decoder;
        this.loadTimeout = loadTimeout;
        Map<String, Object> config = new HashMap<>(extraConfig);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        this.consumerConfig = config;
    }

    public void addListener(Listener<V> listener) {
        listeners.add(listener);
    }

    /** Starts reading and waits until caught up; throws when that takes longer than the load timeout. */
    @Override
    public void start() {
        startAndAwait(loadTimeout);
    }

    /** Starts the reading thread without waiting. */
    public synchronized void startReading() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("view-" + topic).daemon().start(this::run);
    }

    @Override
    public void stop() {
        close();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Early: before the web server and the Kafka listener containers, which must not run against a partial view. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }

    /** Waits until the records present at start-up have been applied; false on timeout. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts reading and waits until caught up; throws when that takes longer than the timeout. */
    public void startAndAwait(Duration timeout) {
        startReading();
        try {
            if (!awaitCaughtUp(timeout)) {
                throw new IllegalStateException("the view of " + topic + " did not load within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the view of " + topic, e);
        }
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    public Optional<V> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** A snapshot of all current values. */
    public Map<String, V> snapshot() {
        return Map.copyOf(values);
    }

    private void run() {
        Properties props = new Properties();
        props.putAll(consumerConfig);
        try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(props)) {
            consumer = kafka;
            List<TopicPartition> partitions = awaitPartitions(kafka);
            if (partitions == null) {
                return;
            }
            kafka.assign(partitions);
            kafka.seekToBeginning(partitions);
            Map<TopicPartition, Long> endAtStart = kafka.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : kafka.poll(POLL_TIMEOUT)) {
                    apply(record);
                }
                if (!isCaughtUp() && endAtStart.entrySet().stream()
                        .allMatch(e -> kafka.position(e.getKey()) >= e.getValue())) {
                    log.info("view of {} caught up: {} keys", topic, values.size());
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("view of {} stopped", topic, e);
        }
    }

    private List<TopicPartition> awaitPartitions(KafkaConsumer<String, byte[]> kafka) {
        while (running) {
            try {
                List<PartitionInfo> infos = kafka.partitionsFor(topic, Duration.ofSeconds(5));
                if (infos != null && !infos.isEmpty()) {
                    return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                log.info("waiting for topic {}", topic);
            }
        }
        return null;
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        V next = null;
        if (record.value() != null) {
            try {
                next = decoder.apply(record.value());
            } catch (RuntimeException e) {
                // the key keeps its last readable value; the service's poison guard parks the record, once
                log.warn("skipping unreadable record at {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), e.getMessage());
                return;
            }
        }
        V old = next == null ? values.remove(record.key()) : values.put(record.key(), next);
        for (Listener<V> listener : listeners) {
            try {
                listener.changed(record.key(), old, next);
            } catch (RuntimeException e) {
                // one listener's failure must not end the view (its thread) for every later record
                log.error("a listener of the view of {} failed on {}-{}@{}", topic, record.topic(), record.partition(), record.offset(), e);
            }
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
