package com.penguinmails.webhooks.management.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.Json;

/**
 * Copies the canonical event topics into the event store, a poll's worth per statement. It runs on the consumer's own
 * thread and waits for the insert (this thread is Kafka's, not Reactor's): the offsets are committed only once the
 * batch is stored, and a database outage holds the store back (the listener retries) but never a delivery.
 */
@Component
class EventStoreListener {

    private static final Logger log = LoggerFactory.getLogger(EventStoreListener.class);
    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(60);

    private final EventStore store;

    EventStoreListener(EventStore store) {
        this.store = store;
    }

    @KafkaListener(id = "management-events", groupId = "management-events", batch = "true",
            topics = {"webhooks.events.email", "webhooks.events.campaign", "webhooks.events.contact", "webhooks.events.system"},
            properties = {"max.poll.records=500", "isolation.level=read_committed"})
    void onEvents(List<ConsumerRecord<String, byte[]>> records) {
        List<EventStore.StoredEvent> events = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(new EventStore.StoredEvent(record.key(), Json.read(record.value(), EventEnvelope.class)));
            } catch (RuntimeException e) {
                log.error("undecodable event at {}-{}@{} not stored", record.topic(), record.partition(), record.offset(), e);
            }
        }
        store.storeAll(events).block(STORE_TIMEOUT);
    }
}
