package com.penguinmails.webhooks.management.outbox;

import java.util.List;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The config outbox: rows written with the change they describe, published to Kafka in id order. */
@Repository
public class OutboxRepository {

    private final DatabaseClient db;

    OutboxRepository(DatabaseClient db) {
        this.db = db;
    }

    /** One pending record; a null payload is a tombstone. */
    record OutboxRecord(long id, String topic, String key, byte[] payload) {
    }

    /** Adds a record and emits its id; call it inside the transaction of the change. */
    public Mono<Long> append(String topic, String key, byte[] payload) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("insert into config_outbox (topic, record_key, payload) values (:topic, :key, :payload) returning id")
                .bind("topic", topic).bind("key", key);
        spec = payload == null ? spec.bindNull("payload", byte[].class) : spec.bind("payload", payload);
        return spec.map(row -> row.get("id", Long.class)).one();
    }

    Flux<OutboxRecord> pending(int limit) {
        return db.sql("select id, topic, record_key, payload from config_outbox where published_at is null order by id limit :limit")
                .bind("limit", limit)
                .map(row -> new OutboxRecord(row.get("id", Long.class), row.get("topic", String.class),
                        row.get("record_key", String.class), payloadBytes(row.get("payload"))))
                .all();
    }

    Mono<Void> markPublished(List<Long> ids) {
        return db.sql("update config_outbox set published_at = now() where id = any(:ids)")
                .bind("ids", ids.toArray(Long[]::new))
                .then();
    }

    private static byte[] payloadBytes(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof byte[] bytes) {
            return bytes;
        }
        java.nio.ByteBuffer buffer = ((java.nio.ByteBuffer) value).duplicate();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }
}
