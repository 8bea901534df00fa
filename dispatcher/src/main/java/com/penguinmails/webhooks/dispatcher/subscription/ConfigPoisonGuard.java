package com.penguinmails.webhooks.dispatcher.subscription;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.WebhookConfig;
import com.penguinmails.webhooks.runtime.PoisonRecordPublisher;
import reactor.core.publisher.Mono;

/**
 * Parks the {@code webhooks.config} records the subscription index skips because they do not read: the index is a
 * view every dispatcher reads in full on every start, so it cannot park them without parking them again and again;
 * this listener's consumer group of its own parks each one once.
 */
@Component
class ConfigPoisonGuard {

    private final PoisonRecordPublisher poison;

    ConfigPoisonGuard(PoisonRecordPublisher poison) {
        this.poison = poison;
    }

    @KafkaListener(id = "dispatcher-config-guard", groupId = "dispatcher-config-guard", topics = Topics.CONFIG)
    Mono<Void> check(ConsumerRecord<String, byte[]> record) {
        return Mono.fromFuture(() -> poison.parkIfUnreadable(record, WebhookConfig.class, "dispatcher-config-guard", true));
    }
}
