package com.penguinmails.webhooks.dispatcher.delivery;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.dispatcher.limits.Lane;
import com.penguinmails.webhooks.model.DeliveryTask;
import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.Headers;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;
import reactor.core.publisher.Mono;

/**
 * Consumes the event topics (first attempts) and the due topic (retries). Each method returns a Mono: Spring Kafka
 * acknowledges the record, and commits its offset, only when the Mono completes, i.e. when every outcome is on Kafka.
 * First attempts, retries and replays have separate listener containers and separate in-flight bounds (see
 * {@link Lane}) so that retries and replays never starve first attempts.
 */
@Component
class EventListener {

    private static final Logger log = LoggerFactory.getLogger(EventListener.class);

    private final DeliveryPipeline pipeline;

    EventListener(DeliveryPipeline pipeline) {
        this.pipeline = pipeline;
    }

    @KafkaListener(id = "dispatcher-events", groupId = "dispatcher",
            topics = {"webhooks.events.email", "webhooks.events.campaign", "webhooks.events.contact", "webhooks.events.system"},
            concurrency = "${penguin.dispatcher.event-consumers:2}")
    Mono<Void> onEvent(ConsumerRecord<String, byte[]> record) {
        Header type = record.headers().lastHeader(Headers.KAFKA_EVENT_TYPE);
        if (type != null && !pipeline.hasSubscribers(record.key(), new String(type.value(), StandardCharsets.UTF_8))) {
            // most events have no webhook: skip them without parsing the value
            return Mono.empty();
        }
        EventEnvelope event;
        try {
            event = Json.read(record.value(), EventEnvelope.class);
        } catch (RuntimeException e) {
            // Ingest validated it; a record that does not even decode cannot be delivered. Say so loudly, move on.
            log.error("undecodable event at {}-{}@{} skipped", record.topic(), record.partition(), record.offset(), e);
            return Mono.empty();
        }
        Header traceParent = record.headers().lastHeader(Headers.TRACEPARENT);
        return pipeline.dispatch(record.key(), event,
                traceParent == null ? null : new String(traceParent.value(), StandardCharsets.UTF_8));
    }

    @KafkaListener(id = "dispatcher-due", groupId = "dispatcher", topics = Topics.DELIVERIES_DUE,
            concurrency = "${penguin.dispatcher.due-consumers:1}")
    Mono<Void> onDue(ConsumerRecord<String, byte[]> record) {
        return task(record, Lane.RETRIES);
    }

    @KafkaListener(id = "dispatcher-replay", groupId = "dispatcher", topics = Topics.DELIVERIES_REPLAY,
            concurrency = "${penguin.dispatcher.replay-consumers:1}")
    Mono<Void> onReplay(ConsumerRecord<String, byte[]> record) {
        return task(record, Lane.REPLAYS);
    }

    private Mono<Void> task(ConsumerRecord<String, byte[]> record, Lane lane) {
        DeliveryTask task;
        try {
            task = Json.read(record.value(), DeliveryTask.class);
        } catch (RuntimeException e) {
            log.error("undecodable delivery at {}-{}@{} skipped", record.topic(), record.partition(), record.offset(), e);
            return Mono.empty();
        }
        return pipeline.due(task, lane);
    }
}
