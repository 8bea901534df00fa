package com.penguinmails.webhooks.ingest.inbound;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/** An output record's value together with the topic it goes to: the topology's one sink picks the topic from it. */
record Routed(String topic, byte[] bytes) {

    /** Writes only the bytes; a Routed is never read back. */
    static Serde<Routed> serde() {
        Serializer<Routed> serializer = (topic, routed) -> routed == null ? null : routed.bytes();
        Deserializer<Routed> deserializer = (topic, bytes) -> {
            throw new UnsupportedOperationException("Routed values are written, never read");
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
