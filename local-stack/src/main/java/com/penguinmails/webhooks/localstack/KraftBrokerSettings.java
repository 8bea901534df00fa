package com.penguinmails.webhooks.localstack;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The settings of a single-node Kafka broker on the loopback address (KRaft, broker and controller in one, every
 * internal topic on one replica), shared by the local stack's embedded broker and the reliability suite's broker
 * process, so that both run the broker the same way.
 */
public final class KraftBrokerSettings {

    private KraftBrokerSettings() {
    }

    /**
     * The broker's settings, as its {@code server.properties} holds them.
     *
     * @param logDir         the broker's log folder
     * @param port           the clients' listener (PLAINTEXT) on 127.0.0.1
     * @param controllerPort the KRaft controller's listener on 127.0.0.1
     */
    public static Properties singleNode(Path logDir, int port, int controllerPort) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        // one broker: internal topics on one replica, or the group and transaction coordinators cannot create them
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "12");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // a consumer group starts consuming at once instead of waiting for more members
        props.put("group.initial.rebalance.delay.ms", "0");
        // the services create their topics themselves, with their own partitions and settings
        props.put("auto.create.topics.enable", "false");
        // the log cleaner's buffer (compacted topics) fits a small heap
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(8 * 1024 * 1024));
        return props;
    }
}
