package com.penguinmails.webhooks.ingest.http;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.ingest.IngestTracing;
import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.Headers;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Hands validated HTTP events to the same pipeline as Kafka producers: {@code webhooks.inbound.v1}, keyed by
 * workspace id, where the ingest topology de-duplicates them into the event topics. The Mono completes once the
 * broker has acknowledged every record (acks=all, idempotent producer).
 */
@Component
class InboundPublisher {

    private static final byte[] HTTP = "http".getBytes(StandardCharsets.UTF_8);

    private final KafkaTemplate<String, byte[]> kafka;
    private final IngestTracing tracing;

    InboundPublisher(KafkaTemplate<String, byte[]> kafka, IngestTracing tracing) {
        this.kafka = kafka;
        this.tracing = tracing;
    }

    /**
     * Publishes a request's events under one span, the child of the caller's {@code traceparent} if it sent one; its
     * context goes on every record.
     */
    Mono<Void> publish(String workspaceId, List<EventEnvelope> events, String callerTraceParent) {
        byte[] workspace = workspaceId.getBytes(StandardCharsets.UTF_8);
        return Mono.defer(() -> {
            IngestTracing.Started span = tracing.start("ingest events", callerTraceParent);
            byte[] traceParent = span.traceParent() == null ? null : span.traceParent().getBytes(StandardCharsets.UTF_8);
            return Flux.fromIterable(events)
                    .flatMapSequential(event -> {
                        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.INBOUND, workspaceId, Json.write(event));
                        record.headers().add(Headers.KAFKA_WORKSPACE_ID, workspace);
                        record.headers().add(Headers.KAFKA_INGEST_PATH, HTTP);
                        if (traceParent != null) {
                            record.headers().add(Headers.TRACEPARENT, traceParent);
                        }
                        return Mono.fromFuture(() -> kafka.send(record));
                    })
                    .then()
                    .doFinally(signal -> span.end());
        });
    }
}
