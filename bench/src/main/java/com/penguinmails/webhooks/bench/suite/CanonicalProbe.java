package com.penguinmails.webhooks.bench.suite;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.penguinmails.webhooks.model.EventCategory;

/**
 * Splits the latency in two: a read_committed consumer of the email event topic notes when each event of the current
 * run becomes visible there (ingest's part: the inbound topic, validation, de-duplication, the exactly-once commit);
 * the rest of the receipt latency is the dispatcher's.
 */
final class CanonicalProbe implements AutoCloseable {

    private static final byte[] SENT_MARK = "\"bench_sent_us\":".getBytes(StandardCharsets.UTF_8);

    private final Recorder latency = new Recorder(TimeUnit.MINUTES.toMicros(10), 3);
    private final Thread thread;
    private volatile boolean running = true;

    CanonicalProbe(String bootstrap, Receivers receivers) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-probe-" + UUID.randomUUID(), ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(EventCategory.EMAIL.topic()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        thread = Thread.ofPlatform().name("bench-probe").daemon().start(() -> {
            try (consumer) {
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        long now = Clocks.epochMicros();
                        Run run = receivers.current;
                        long sent = sent(record.value());
                        if (run != null && sent >= run.windowFrom && sent < run.windowUntil) {
                            latency.recordValue(Math.max(0, now - sent));
                        }
                    }
                }
            }
        });
    }

    Histogram latency() {
        return latency.getIntervalHistogram();
    }

    private static long sent(byte[] value) {
        outer:
        for (int i = 0; i <= value.length - SENT_MARK.length; i++) {
            for (int j = 0; j < SENT_MARK.length; j++) {
                if (value[i + j] != SENT_MARK[j]) {
                    continue outer;
                }
            }
            long sent = 0;
            for (int p = i + SENT_MARK.length; p < value.length && value[p] >= '0' && value[p] <= '9'; p++) {
                sent = sent * 10 + (value[p] - '0');
            }
            return sent;
        }
        return -1;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5000);
    }
}
