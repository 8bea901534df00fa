package com.penguinmails.webhooks.ingest.inbound;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import com.penguinmails.webhooks.ingest.IngestMetrics;
import com.penguinmails.webhooks.ingest.IngestTracing;
import com.penguinmails.webhooks.ingest.RejectCode;
import com.penguinmails.webhooks.ingest.validation.EventValidator;
import com.penguinmails.webhooks.ingest.validation.Validation;
import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Headers;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.TraceParent;

/**
 * One inbound record: validate, de-duplicate on (workspace, event id) within the window (a persistent key-value
 * store of first-seen times, purged of expired ids every ten minutes), then forward the canonical
 * event to its category topic, or the original bytes to the rejected topic with the reason. Runs inside an
 * exactly-once Kafka Streams task, so the store update, the output and the input offset commit happen together.
 */
class IngestProcessor implements Processor<String, byte[], String, Routed> {

    /** How often ids older than the window are forgotten. */
    static final Duration PURGE_INTERVAL = Duration.ofMinutes(10);

    private final EventValidator validator;
    private final IngestMetrics metrics;
    private final Duration window;
    private final Clock clock;
    private final IngestTracing tracing;
    private ProcessorContext<String, Routed> context;
    private KeyValueStore<String, Long> seen;

    IngestProcessor(EventValidator validator, IngestMetrics metrics, Duration window, Clock clock, IngestTracing tracing) {
        this.tracing = tracing;
        this.validator = validator;
        this.metrics = metrics;
        this.window = window;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Routed> context) {
        this.context = context;
        this.seen = context.getStateStore(InboundTopology.DEDUPE_STORE);
        context.schedule(PURGE_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::purgeExpired);
    }

    /** Forgets ids older than the window, so the store holds about one window of events. */
    private void purgeExpired(long now) {
        long horizon = now - window.toMillis();
        try (KeyValueIterator<String, Long> all = seen.all()) {
            while (all.hasNext()) {
                KeyValue<String, Long> entry = all.next();
                if (entry.value < horizon) {
                    seen.delete(entry.key);
                }
            }
        }
    }

    @Override
    public void process(Record<String, byte[]> record) {
        IngestMetrics.Path path = path(record);
        String workspaceId = workspace(record);
        if (workspaceId == null) {
            reject(record, path, RejectCode.MISSING_WORKSPACE, "no workspace id: set the record key (or the "
                    + Headers.KAFKA_WORKSPACE_ID + " header) to the workspace id");
            return;
        }
        switch (validator.validateRecord(record.value())) {
            case Validation.Invalid invalid -> reject(record, path, invalid.code(), invalid.summary());
            case Validation.Valid valid -> accept(record, path, workspaceId, valid.event());
        }
    }

    private void accept(Record<String, byte[]> record, IngestMetrics.Path path, String workspaceId, EventEnvelope event) {
        String dedupeKey = workspaceId + "|" + event.id();
        long timestamp = record.timestamp();
        Long firstSeen = seen.get(dedupeKey);
        if (firstSeen != null && Math.abs(timestamp - firstSeen) <= window.toMillis()) {
            metrics.duplicate(path);
            return;
        }
        seen.put(dedupeKey, timestamp);
        RecordHeaders headers = new RecordHeaders();
        headers.add(Headers.KAFKA_WORKSPACE_ID, workspaceId.getBytes(StandardCharsets.UTF_8));
        headers.add(Headers.KAFKA_EVENT_TYPE, event.type().getBytes(StandardCharsets.UTF_8));
        String traceParent = traceParent(record, event);
        if (traceParent != null) {
            headers.add(Headers.TRACEPARENT, traceParent.getBytes(StandardCharsets.UTF_8));
        }
        String topic = EventType.fromName(event.type()).orElseThrow().category().topic();
        context.forward(new Record<>(workspaceId, new Routed(topic, Json.write(event)), timestamp, headers));
        metrics.accepted(path, 1);
        if (path == IngestMetrics.Path.KAFKA) {
            // an HTTP event's latency is timed by the request, to the broker's acknowledgement (EventController)
            metrics.publishLatency(path, Duration.ofMillis(Math.max(0, clock.millis() - timestamp)));
        }
    }

    /**
     * The producer's trace context (HTTP events carry the request's): kept as it came, so the dispatcher's spans join
     * the producer's trace. A record without one starts a trace here, in a span of its own (none without a tracer).
     */
    private String traceParent(Record<String, byte[]> record, EventEnvelope event) {
        Header header = record.headers().lastHeader(Headers.TRACEPARENT);
        String given = header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        if (TraceParent.isValid(given)) {
            return given;
        }
        IngestTracing.Started span = tracing.start("ingest " + event.type(), null);
        span.end();
        return span.traceParent();
    }

    private void reject(Record<String, byte[]> record, IngestMetrics.Path path, RejectCode code, String reason) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.add(Headers.KAFKA_REJECT_CODE, code.code().getBytes(StandardCharsets.UTF_8));
        headers.add(Headers.KAFKA_REJECT_REASON, reason.getBytes(StandardCharsets.UTF_8));
        context.recordMetadata().ifPresent((RecordMetadata source) -> {
            headers.add(Headers.KAFKA_SOURCE_TOPIC, source.topic().getBytes(StandardCharsets.UTF_8));
            headers.add(Headers.KAFKA_SOURCE_PARTITION, Integer.toString(source.partition()).getBytes(StandardCharsets.UTF_8));
            headers.add(Headers.KAFKA_SOURCE_OFFSET, Long.toString(source.offset()).getBytes(StandardCharsets.UTF_8));
        });
        context.forward(new Record<>(record.key(), new Routed(Topics.INGEST_REJECTED, record.value()), record.timestamp(), headers));
        metrics.rejected(path, code, 1);
    }

    private static IngestMetrics.Path path(Record<String, byte[]> record) {
        Header header = record.headers().lastHeader(Headers.KAFKA_INGEST_PATH);
        return header != null && "http".equals(new String(header.value(), StandardCharsets.UTF_8))
                ? IngestMetrics.Path.HTTP : IngestMetrics.Path.KAFKA;
    }

    private static String workspace(Record<String, byte[]> record) {
        if (record.key() != null && !record.key().isBlank()) {
            return record.key();
        }
        Header header = record.headers().lastHeader(Headers.KAFKA_WORKSPACE_ID);
        String value = header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        return value == null || value.isBlank() ? null : value;
    }
}
