package com.penguinmails.webhooks.management.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.Payloads;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.runtime.PoisonRecordPublisher;

/**
 * Copies the canonical event topics ({@link Topics#eventTopics()}, one per category) into the event store, a poll's
 * worth per statement. It runs on the consumer's own thread and waits for the insert (this thread is Kafka's, not
 * Reactor's): the offsets are committed only once the batch is stored, and a database outage holds the store back (the
 * listener retries) but never a delivery.
 */
@Component
class EventStoreListener {

    private static final Duration STORE_TIMEOUT = Duration.ofSeconds(60);

    private final EventStoreRepository store;
    private final PoisonRecordPublisher poison;

    EventStoreListener(EventStoreRepository store, PoisonRecordPublisher poison) {
        this.store = store;
        this.poison = poison;
    }

    @KafkaListener(id = "management-events", groupId = "management-events", batch = "true",
            topics = "#{T(com.penguinmails.webhooks.model.Topics).eventTopics()}",
            properties = {"max.poll.records=500", "isolation.level=read_committed"})
    void onEvents(List<ConsumerRecord<String, byte[]>> records) {
        List<EventStoreRepository.StoredEvent> events = new ArrayList<>(records.size());
        List<CompletableFuture<Void>> parked = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                events.add(new EventStoreRepository.StoredEvent(record.key(), Payloads.read(record.value(), EventEnvelope.class)));
            } catch (Payloads.Unreadable e) {
                parked.add(poison.publish(record, "management-events", e));
            }
        }
        // the batch's offsets are committed after this method: the poison records must be on Kafka by then
        CompletableFuture.allOf(parked.toArray(CompletableFuture[]::new)).orTimeout(STORE_TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
        store.storeAll(events).block(STORE_TIMEOUT);
    }
}
