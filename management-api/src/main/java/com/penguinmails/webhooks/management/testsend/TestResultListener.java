package com.penguinmails.webhooks.management.testsend;

import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.model.Payloads;
import com.penguinmails.webhooks.model.TestSendResult;
import com.penguinmails.webhooks.model.Topics;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Hands each test send's result to the request waiting for it. Every management-api instance reads every result, in
 * a consumer group of its own from the end of the topic, and keeps those it is waiting for; results of other
 * instances' requests pass by. A request sent before this consumer has its partitions would miss its answer, so
 * {@link #ready()} holds requests back until then.
 */
@Component
class TestResultListener implements ConsumerSeekAware {

    private static final Logger log = LoggerFactory.getLogger(TestResultListener.class);
    private static final Duration READY_WAIT = Duration.ofSeconds(10);

    private final Map<String, Sinks.One<TestSendResult>> waiting = new ConcurrentHashMap<>();
    private volatile boolean assigned;

    @KafkaListener(id = "management-test-results", groupId = "management-tests-#{T(java.util.UUID).randomUUID()}",
            topics = Topics.TEST_RESULTS, properties = {"auto.offset.reset=latest", "enable.auto.commit=false"})
    void onResult(ConsumerRecord<String, byte[]> record) {
        Sinks.One<TestSendResult> sink = waiting.remove(record.key());
        if (sink == null) {
            return; // another instance's request, or one that gave up waiting
        }
        try {
            sink.tryEmitValue(Payloads.read(record.value(), TestSendResult.class));
        } catch (Payloads.Unreadable e) {
            // the request fails with the reason; the poison guard parks the record
            log.error("unreadable test result {}: {}", record.key(), e.getMessage());
            sink.tryEmitError(e);
        }
    }

    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        callback.seekToEnd(assignments.keySet());
        assigned = true;
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        assigned = false;
    }

    /** Completes once results can be received: at once, but for a few seconds after start. */
    Mono<Void> ready() {
        return Mono.defer(() -> assigned ? Mono.<Void>empty() : Mono.error(new IllegalStateException("not assigned yet")))
                .retryWhen(reactor.util.retry.Retry.fixedDelay(READY_WAIT.toMillis() / 100, Duration.ofMillis(100)))
                .onErrorMap(e -> new IllegalStateException("the test result consumer has no partitions yet", e));
    }

    /** The result of the request, once it comes; register before sending the request. */
    Mono<TestSendResult> await(String requestId) {
        Sinks.One<TestSendResult> sink = Sinks.one();
        waiting.put(requestId, sink);
        return sink.asMono().doFinally(signal -> waiting.remove(requestId));
    }
}
