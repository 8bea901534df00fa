package com.penguinmails.webhooks.reliability;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import com.penguinmails.webhooks.localstack.KraftBrokerSettings;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one) in a JVM of its own, so that it can be
 * stopped and started again on the same log folder and port while the services keep running against it. Its settings
 * are the local stack's ({@link KraftBrokerSettings}).
 */
final class BrokerProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Path dir;
    private final int port;
    private Process process;

    private BrokerProcess(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** Formats a new log folder under {@code dir} and starts the broker on it. */
    static BrokerProcess start(Path dir, int port, int controllerPort) throws IOException, InterruptedException {
        Path logDir = dir.resolve("kafka");
        Files.createDirectories(logDir);
        Properties props = KraftBrokerSettings.singleNode(logDir, port, controllerPort);
        Path config = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(config)) {
            props.store(out, "reliability suite broker");
        }
        BrokerProcess broker = new BrokerProcess(dir, port);
        broker.run(dir.resolve("kafka-format.log"), "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                "-c", config.toString()).waitFor();
        broker.startAgain();
        return broker;
    }

    /** Starts the broker process (again) on the same log folder and port, and waits until it answers. */
    void startAgain() throws IOException {
        process = run(dir.resolve("kafka.log"), "kafka.Kafka", dir.resolve("server.properties").toString());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000))) {
            Poll.until("the Kafka broker answers (log: " + dir.resolve("kafka.log") + ")", START_TIMEOUT, () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the broker exited; see " + dir.resolve("kafka.log"));
                }
                try {
                    return !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty();
                } catch (Exception e) {
                    return false;
                }
            });
        }
    }

    /** Stops the broker as an orderly shutdown does (SIGTERM), waiting until the process is gone. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** {@code kill -9}: no controlled shutdown; the next start recovers the log from what reached the file system. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    private Process run(Path log, String mainClass, String... args) throws IOException {
        List<String> command = new java.util.ArrayList<>(List.of(Services.java(), "-Xmx512m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            stop();
        }
    }
}
