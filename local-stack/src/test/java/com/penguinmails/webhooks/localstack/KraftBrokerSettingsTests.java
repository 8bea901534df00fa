package com.penguinmails.webhooks.localstack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The broker settings the local stack and the reliability suite share, and the local stack's own on top. */
class KraftBrokerSettingsTests {

    private static final Path LOG_DIR = Path.of("/data/kafka");

    private static final Map<String, String> SINGLE_NODE = Map.ofEntries(
            Map.entry("process.roles", "broker,controller"),
            Map.entry("node.id", "1"),
            Map.entry("controller.quorum.voters", "1@127.0.0.1:9093"),
            Map.entry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093"),
            Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:9092"),
            Map.entry("controller.listener.names", "CONTROLLER"),
            Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
            Map.entry("inter.broker.listener.name", "PLAINTEXT"),
            Map.entry("log.dirs", "/data/kafka"),
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "12"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            Map.entry("auto.create.topics.enable", "false"),
            Map.entry("log.cleaner.dedupe.buffer.size", "8388608"));

    @Test
    void singleNodeBrokerListensOnLoopbackWithOneReplicaOfEveryInternalTopic() {
        assertThat(KraftBrokerSettings.singleNode(LOG_DIR, 9092, 9093)).containsExactlyInAnyOrderEntriesOf(SINGLE_NODE);
    }

    @Test
    void localStackBrokerAddsTwelvePartitionsAndSixtyFourMegabyteSegments() {
        Map<String, String> expected = new HashMap<>(SINGLE_NODE);
        expected.put("num.partitions", "12");
        expected.put("log.segment.bytes", "67108864");
        expected.put("log.retention.hours", "168");

        assertThat(LocalKafka.settings(LOG_DIR, 9092, 9093)).containsExactlyInAnyOrderEntriesOf(expected);
    }
}
