package com.penguinmails.webhooks.management.outbox;


import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.management.ManagementProperties;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Drains the config outbox to Kafka: every interval, the pending rows in id order, each sent and acknowledged
 * before the next, then marked published. A crash between send and mark re-sends, which the compacted topics absorb
 * (same key, same value).
 */
@Component
class OutboxPublisher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);
    private static final int BATCH = 200;

    private final OutboxRepository outbox;
    private final KafkaTemplate<String, byte[]> kafka;
    private final ManagementProperties properties;
    private volatile Disposable loop;

    OutboxPublisher(OutboxRepository outbox, KafkaTemplate<String, byte[]> kafka, ManagementProperties properties) {
        this.outbox = outbox;
        this.kafka = kafka;
        this.properties = properties;
    }

    /** Publishes everything pending now; emits how many records went out. */
    Mono<Integer> drain() {
        return outbox.pending(BATCH)
                .concatMap(record -> Mono.fromFuture(() -> kafka.send(new ProducerRecord<>(record.topic(), record.key(), record.payload())))
                        .thenReturn(record.id()))
                .collectList()
                .flatMap(ids -> ids.isEmpty() ? Mono.just(0) : outbox.markPublished(ids).thenReturn(ids.size()));
    }

    @Override
    public void start() {
        loop = Flux.interval(properties.outboxInterval())
                .onBackpressureDrop()
                .concatMap(tick -> drain().onErrorResume(e -> {
                    log.warn("config outbox not drained this round; will retry: {}", e.toString());
                    return Mono.just(0);
                }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable current = loop;
        if (current != null) {
            current.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        Disposable current = loop;
        return current != null && !current.isDisposed();
    }
}
