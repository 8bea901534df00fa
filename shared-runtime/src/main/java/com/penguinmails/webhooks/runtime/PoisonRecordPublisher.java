package com.penguinmails.webhooks.runtime;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.kafka.core.KafkaTemplate;

import com.penguinmails.webhooks.model.Headers;
import com.penguinmails.webhooks.model.Payloads;
import com.penguinmails.webhooks.model.Topics;

/**
 * Parks a record a listener cannot read on {@link Topics#POISON}: the original key and bytes, with the reason, its
 * code, the consumer and where the record was in headers. The listener then moves on, so one bad record never stops
 * its partition, and nothing is lost silently: the record can be inspected, fixed and produced again. Listeners commit
 * the poison record's offset only once this publish is acknowledged.
 */
public final class PoisonRecordPublisher {

    private static final Logger log = LoggerFactory.getLogger(PoisonRecordPublisher.class);
    /** How much of a reason goes into the header; the original bytes are in the value anyway. */
    private static final int REASON_MAX_CHARS = 500;

    private final ObjectProvider<KafkaTemplate<String, byte[]>> kafka;
    private final String service;

    /**
     * @param kafka   the service's template, looked up at the first poison record (some services build theirs late)
     * @param service the service's name, for the {@code pm-poisoned-by} header
     */
    public PoisonRecordPublisher(ObjectProvider<KafkaTemplate<String, byte[]>> kafka, String service) {
        this.kafka = kafka;
        this.service = service;
    }

    /** Parks the record; completes when the broker has it. */
    public CompletableFuture<Void> publish(ConsumerRecord<String, byte[]> record, String listener, Payloads.Unreadable reason) {
        log.warn("poison record at {}-{}@{} ({}): {}; parked on {}", record.topic(), record.partition(), record.offset(),
                reason.code().code(), reason.getMessage(), Topics.POISON);
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        String text = reason.getMessage() == null ? reason.code().code() : reason.getMessage();
        headers.add(Headers.KAFKA_REJECT_REASON, bytes(text.length() > REASON_MAX_CHARS ? text.substring(0, REASON_MAX_CHARS) : text));
        headers.add(Headers.KAFKA_REJECT_CODE, bytes(reason.code().code()));
        headers.add(Headers.KAFKA_POISONED_BY, bytes(service + "/" + listener));
        headers.add(Headers.KAFKA_SOURCE_TOPIC, bytes(record.topic()));
        headers.add(Headers.KAFKA_SOURCE_PARTITION, bytes(Integer.toString(record.partition())));
        headers.add(Headers.KAFKA_SOURCE_OFFSET, bytes(Long.toString(record.offset())));
        ProducerRecord<String, byte[]> poison = new ProducerRecord<>(Topics.POISON, null, record.key(), record.value(), headers);
        return kafka.getObject().send(poison).thenApply(sent -> null);
    }

    /**
     * Parks the record when its value does not read as a {@code type}; completes at once when it does. For the guards
     * of the topics every instance reads in full, each on its own (the compacted views, the test results): an
     * instance only skips a record it cannot read, since it reads the topic again from the start on every restart and
     * beside every other instance. The guard is a listener in a consumer group of the service's own, so each bad
     * record is parked once per service, and its committed offset keeps a restart from parking it again.
     *
     * @param tombstoneIsValid whether a record without a value is a deletion (a compacted topic) rather than poison
     */
    public CompletableFuture<Void> parkIfUnreadable(ConsumerRecord<String, byte[]> record, Class<?> type, String listener,
                                                    boolean tombstoneIsValid) {
        if (record.value() == null && tombstoneIsValid) {
            return CompletableFuture.completedFuture(null);
        }
        try {
            Payloads.read(record.value(), type);
            return CompletableFuture.completedFuture(null);
        } catch (Payloads.Unreadable e) {
            return publish(record, listener, e);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
