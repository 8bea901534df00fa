package com.penguinmails.webhooks.dispatcher.delivery;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.dispatcher.limits.Lane;
import com.penguinmails.webhooks.model.DeliveryTask;
import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.Headers;
import com.penguinmails.webhooks.model.Payloads;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.runtime.PoisonRecordPublisher;
import reactor.core.publisher.Mono;

/**
 * Consumes the event topics (first attempts) and the due topic (retries). Each method returns a Mono: Spring Kafka
 * acknowledges the record, and commits its offset, only when the Mono completes, i.e. when every outcome is on Kafka.
 * First attempts, retries and replays have separate listener containers and separate in-flight bounds (see
 * {@link Lane}) so that retries and replays never starve first attempts. Each container's consumer threads are
 * {@code penguin.dispatcher.event-consumers}, {@code due-consumers} and {@code replay-consumers} (see
 * {@link ConsumerThreads}).
 */
@Component
class EventListener {

    static final String EVENTS = "dispatcher-events";
    static final String DUE = "dispatcher-due";
    static final String REPLAY = "dispatcher-replay";

    private final DeliveryPipeline pipeline;
    private final PoisonRecordPublisher poison;

    EventListener(DeliveryPipeline pipeline, PoisonRecordPublisher poison) {
        this.pipeline = pipeline;
        this.poison = poison;
    }

    @KafkaListener(id = EVENTS, groupId = "dispatcher", topics = "#{T(com.penguinmails.webhooks.model.Topics).eventTopics()}")
    Mono<Void> onEvent(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(Headers.KAFKA_EVENT_TYPE);
        if (type != null && !pipeline.hasSubscribers(record.key(), new String(type.value(), StandardCharsets.UTF_8))) {
            // most events have no webhook: skip them without parsing the value
            return Mono.empty();
        }
        EventEnvelope event;
        try {
            event = Payloads.read(record.value(), EventEnvelope.class);
        } catch (Payloads.Unreadable e) {
            // Ingest validated it; a record that does not even read cannot be delivered: park it, move on
            return Mono.fromFuture(() -> poison.publish(record, EVENTS, e));
        }
        Header traceParent = record.headers().lastHeader(Headers.TRACEPARENT);
        return pipeline.dispatch(record.key(), event,
                traceParent == null ? null : new String(traceParent.value(), StandardCharsets.UTF_8));
    }

    @KafkaListener(id = DUE, groupId = "dispatcher", topics = Topics.DELIVERIES_DUE)
    Mono<Void> onDue(ConsumerRecord<String, byte[]> record) {
        return task(record, Lane.RETRIES);
    }

    @KafkaListener(id = REPLAY, groupId = "dispatcher", topics = Topics.DELIVERIES_REPLAY)
    Mono<Void> onReplay(ConsumerRecord<String, byte[]> record) {
        return task(record, Lane.REPLAYS);
    }

    private Mono<Void> task(ConsumerRecord<String, byte[]> record, Lane lane) {
        DeliveryTask task;
        try {
            task = Payloads.read(record.value(), DeliveryTask.class);
        } catch (Payloads.Unreadable e) {
            return Mono.fromFuture(() -> poison.publish(record, lane == Lane.RETRIES ? DUE : REPLAY, e));
        }
        return pipeline.due(task, lane);
    }
}
