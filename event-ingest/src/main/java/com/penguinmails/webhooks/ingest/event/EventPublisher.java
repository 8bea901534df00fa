package com.penguinmails.webhooks.ingest.event;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Headers;
import com.penguinmails.webhooks.model.Json;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Publishes canonical events to {@code webhooks.events.<category>}, keyed by workspace id so that one workspace's
 * events keep their order. The Mono completes once the broker has acknowledged every record.
 */
@Component
class EventPublisher {

    private final KafkaTemplate<String, byte[]> kafka;

    EventPublisher(KafkaTemplate<String, byte[]> kafka) {
        this.kafka = kafka;
    }

    Mono<Void> publish(String workspaceId, List<EventEnvelope> events) {
        return Flux.fromIterable(events)
                .flatMapSequential(event -> Mono.fromFuture(() -> kafka.send(record(workspaceId, event))))
                .then();
    }

    private static ProducerRecord<String, byte[]> record(String workspaceId, EventEnvelope event) {
        String topic = EventType.fromName(event.type()).orElseThrow().category().topic();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, workspaceId, Json.write(event));
        record.headers().add(Headers.KAFKA_WORKSPACE_ID, workspaceId.getBytes(StandardCharsets.UTF_8));
        record.headers().add(Headers.KAFKA_EVENT_TYPE, event.type().getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
