package com.penguinmails.webhooks.ingest.auth;

import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.model.ApiKeyRecord;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.runtime.PoisonRecordPublisher;

/**
 * Parks the {@code webhooks.apikeys} records the key view skips because they do not read: every ingest instance
 * reads that view in full on every start, so it cannot park them without parking them again and again; this
 * listener's consumer group of its own parks each one once. It waits on Kafka's thread, so its offset is committed
 * only once the poison record is on the broker.
 */
@Component
class ApiKeyPoisonGuard {

    private static final long PARK_TIMEOUT_SECONDS = 60;

    private final PoisonRecordPublisher poison;

    ApiKeyPoisonGuard(PoisonRecordPublisher poison) {
        this.poison = poison;
    }

    @KafkaListener(id = "ingest-apikeys-guard", groupId = "event-ingest-apikeys-guard", topics = Topics.API_KEYS)
    void check(ConsumerRecord<String, byte[]> record) {
        poison.parkIfUnreadable(record, ApiKeyRecord.class, "ingest-apikeys-guard", true)
                .orTimeout(PARK_TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
    }
}
