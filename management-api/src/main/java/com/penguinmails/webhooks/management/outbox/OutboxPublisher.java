package com.penguinmails.webhooks.management.outbox;


import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.management.ManagementProperties;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import com.penguinmails.webhooks.management.rounds.PeriodicRounds;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Drains the config outbox to Kafka: every interval, and at once when a change asks for it, the pending rows in id
 * order, each sent and acknowledged before the next, then marked published. Drains never overlap, so a key's records
 * reach Kafka in the order they were written. A crash between send and mark re-sends, which the compacted topics
 * absorb (same key, same value).
 */
@Component
public class OutboxPublisher extends PeriodicRounds {

    private static final int BATCH = 200;

    private final OutboxRepository outbox;
    private final KafkaTemplate<String, byte[]> kafka;
    private final ManagementProperties properties;
    private final Sinks.Many<Long> kicks = Sinks.many().multicast().directBestEffort();
    private final Sinks.Many<Long> progress = Sinks.many().replay().latest();
    private final AtomicLong publishedUpTo = new AtomicLong();

    OutboxPublisher(OutboxRepository outbox, KafkaTemplate<String, byte[]> kafka, ManagementProperties properties) {
        this.outbox = outbox;
        this.kafka = kafka;
        this.properties = properties;
    }

    /**
     * Asks for a drain now and completes once the outbox record with this id is on Kafka, or after the timeout (the
     * record is committed either way and goes out with a later drain). Lets the API answer a change only when the
     * dispatcher can already see it.
     */
    public Mono<Void> publishNow(long outboxId, Duration timeout) {
        kicks.tryEmitNext(outboxId);
        return progress.asFlux()
                .filter(upTo -> upTo >= outboxId)
                .next()
                .timeout(timeout, Mono.empty())
                .then();
    }

    /** Publishes everything pending now; emits how many records went out. */
    Mono<Integer> drain() {
        return outbox.pending(BATCH)
                .concatMap(record -> Mono.fromFuture(() -> kafka.send(new ProducerRecord<>(record.topic(), record.key(), record.payload())))
                        .thenReturn(record.id()))
                .collectList()
                .flatMap(ids -> ids.isEmpty() ? Mono.just(0) : outbox.markPublished(ids).then(Mono.fromRunnable(() -> {
                    publishedUpTo.accumulateAndGet(ids.getLast(), Math::max);
                    progress.tryEmitNext(publishedUpTo.get());
                })).thenReturn(ids.size()));
    }

    @Override
    protected Flux<?> ticks() {
        return Flux.merge(Flux.interval(properties.outboxInterval()), kicks.asFlux());
    }

    @Override
    protected Mono<?> round() {
        return drain();
    }

    @Override
    protected String undone() {
        return "config outbox not drained this round";
    }
}
