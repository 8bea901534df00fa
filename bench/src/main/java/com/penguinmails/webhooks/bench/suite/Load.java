package com.penguinmails.webhooks.bench.suite;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.penguinmails.webhooks.model.EventCategory;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Topics;

/**
 * Submits events the way platform services do: to {@code webhooks.inbound.v1}, keyed by workspace, so every event
 * goes through ingest (validation, de-duplication, exactly-once) before the dispatcher sees it. Each event carries its
 * submission time ({@code data.bench_sent_us}, epoch microseconds), from which the receivers compute its latency.
 * {@link #direct} writes to the canonical topic instead, as ingest would: only to build the memory scenario's backlog.
 */
final class Load implements AutoCloseable {

    private static final String TEMPLATE = EventType.EMAIL_OPENED.exampleJson().strip();
    private static final String DATA_REST = TEMPLATE.substring(TEMPLATE.indexOf("\"data\":{") + "\"data\":{".length());
    private static final byte[] TYPE = EventType.EMAIL_OPENED.typeName().getBytes(StandardCharsets.UTF_8);

    private final KafkaProducer<String, byte[]> producer;
    final LongAdder errors = new LongAdder();

    Load(String bootstrap) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2, ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024),
                new StringSerializer(), new ByteArraySerializer());
    }

    void submit(String workspace, Run run, int event) {
        producer.send(new ProducerRecord<>(Topics.INBOUND, workspace, event(run, event)), (metadata, e) -> {
            if (e != null) {
                errors.increment();
            }
        });
    }

    /** Straight to the canonical topic, bypassing ingest (the backlog of the memory scenario). */
    void direct(String workspace, Run run, int event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(EventCategory.EMAIL.topic(), workspace, event(run, event));
        record.headers().add(com.penguinmails.webhooks.model.Headers.KAFKA_WORKSPACE_ID, workspace.getBytes(StandardCharsets.UTF_8));
        record.headers().add(com.penguinmails.webhooks.model.Headers.KAFKA_EVENT_TYPE, TYPE);
        producer.send(record, (metadata, e) -> {
            if (e != null) {
                errors.increment();
            }
        });
    }

    void flush() {
        producer.flush();
    }

    private static byte[] event(Run run, int event) {
        return ("{\"id\":\"evt_" + run.tag + "_" + event + "\",\"type\":\"email.opened\",\"created_at\":\"" + Instant.now()
                + "\",\"data\":{\"bench_sent_us\":" + Clocks.epochMicros() + "," + DATA_REST).getBytes(StandardCharsets.UTF_8);
    }

    static List<String> workspaces(Run run, String prefix, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj(i -> "ws_" + prefix + run.tag + "_" + i).toList();
    }

    @Override
    public void close() {
        producer.close();
    }
}
