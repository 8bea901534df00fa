package com.penguinmails.webhooks.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * One local stack per test JVM, shared by every integration test: a real Kafka broker, a real PostgreSQL and the four
 * services, on free ports, with retry delays shortened to seconds. Tests isolate themselves by creating their own
 * webhooks and receivers, so they can share it and run in any order.
 */
final class TestStack {

    /** The dispatcher's retry delays in tests: fast, but long enough to see the delay topic at work. */
    static final List<Duration> RETRY_DELAYS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2));

    private static LocalStack stack;

    private TestStack() {
    }

    static synchronized LocalStack get() {
        if (stack == null) {
            try {
                Path dataDir = Files.createTempDirectory("local-stack-test");
                stack = LocalStack.start(new LocalStackOptions(dataDir, freePort(), freePort(), freePort(), freePort(),
                        freePort(), freePort(), freePort(), null, RETRY_DELAYS, 3));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        }
        return stack;
    }

    static WebTestClient api() {
        return client(get().apiUrl());
    }

    static WebTestClient ingest() {
        return client(get().ingestUrl());
    }

    static WebTestClient client(String baseUrl) {
        return WebTestClient.bindToServer().baseUrl(baseUrl).responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + get().apiKey()).build();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
