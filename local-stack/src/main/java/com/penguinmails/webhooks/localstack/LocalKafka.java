package com.penguinmails.webhooks.localstack;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) inside this JVM, with its log under a data
 * folder so that topics and offsets survive a restart. The storage is formatted the way {@code kafka-storage.sh
 * format} does it, once.
 */
final class LocalKafka implements AutoCloseable {

    private final int port;
    private final KafkaRaftServer server;

    private LocalKafka(int port, KafkaRaftServer server) {
        this.port = port;
        this.server = server;
    }

    static LocalKafka start(Path dataDir, int port, int controllerPort) throws IOException {
        Path logDir = dataDir.resolve("kafka");
        Files.createDirectories(logDir);
        Properties props = settings(logDir, port, controllerPort);
        format(logDir, props);
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
        server.startup();
        return new LocalKafka(port, server);
    }

    /** The shared single-node settings, with more partitions by default and smaller log segments. */
    static Properties settings(Path logDir, int port, int controllerPort) {
        Properties props = KraftBrokerSettings.singleNode(logDir, port, controllerPort);
        props.put("num.partitions", "12");
        props.put("log.segment.bytes", Integer.toString(64 * 1024 * 1024));
        props.put("log.retention.hours", "168");
        return props;
    }

    /** Formats the log folder once; a folder formatted earlier is kept (and its data with it). */
    private static void format(Path logDir, Properties props) throws IOException {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        Path config = logDir.getParent().resolve("kafka-server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "written by the local stack");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exit = StorageTool.execute(new String[] {"format", "-t", Uuid.randomUuid().toString(), "-c",
                config.toAbsolutePath().toString(), "--ignore-formatted"}, new PrintStream(output, true, StandardCharsets.UTF_8));
        if (exit != 0) {
            throw new IOException("formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
        }
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
