package com.penguinmails.webhooks.ingest.inbound;

import java.time.Clock;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;

import com.penguinmails.webhooks.ingest.IngestMetrics;
import com.penguinmails.webhooks.ingest.IngestProperties;
import com.penguinmails.webhooks.ingest.IngestTracing;
import com.penguinmails.webhooks.ingest.validation.EventValidator;

import com.penguinmails.webhooks.model.Topics;

/**
 * The ingest topology (Kafka Streams, exactly-once v2): {@code webhooks.inbound.v1} → validate, de-duplicate →
 * {@code webhooks.events.<category>} or {@code webhooks.ingest.rejected}. Both ingest paths go through it: platform
 * services produce to the inbound topic directly, the HTTP API produces validated events there. The de-duplication
 * store is a persistent (RocksDB) key-value store backed by a changelog topic, so it survives restarts and is shared by all
 * instances (each owns the inbound partitions it is assigned).
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class InboundTopology {

    static final String DEDUPE_STORE = "ingest-dedupe";

    /**
     * Leave the consumer group on close: Kafka Streams does not by default, so a restarted instance would wait out
     * the old member's session timeout (45 s) before its partitions move; a rolling restart should not stall ingest.
     */
    @Bean
    StreamsBuilderFactoryBeanConfigurer leaveGroupOnClose() {
        return factory -> factory.setLeaveGroupOnClose(true);
    }

    @Bean
    KStream<String, byte[]> inboundStream(StreamsBuilder builder, EventValidator validator, IngestMetrics metrics,
                                          IngestProperties properties, Clock clock, IngestTracing tracing) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DEDUPE_STORE),
                Serdes.String(), Serdes.Long()));
        KStream<String, byte[]> inbound = builder.stream(Topics.INBOUND, Consumed.with(Serdes.String(), Serdes.ByteArray()));
        inbound.process(() -> new IngestProcessor(validator, metrics, properties.dedupeWindow(), clock, tracing), DEDUPE_STORE)
                .to((key, routed, context) -> routed.topic(), Produced.with(Serdes.String(), Routed.serde()));
        return inbound;
    }
}
