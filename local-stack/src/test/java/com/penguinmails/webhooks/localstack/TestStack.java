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

    /**
     * Every log line of the in-process stack, all services, also written here ({@code logback-test.xml}'s file appender,
     * which each service's logging set-up reads from {@code logging.file.name}), so that tests can read what was
     * logged: {@code SecretsIntegrationTests}.
     */
    static final Path LOG_FILE = Path.of("target", "test-stack.log").toAbsolutePath();

    static synchronized LocalStack get() {
        if (stack == null) {
            System.setProperty("logging.file.name", LOG_FILE.toString());
            try {
                Path dataDir = Files.createTempDirectory("local-stack-test");
                stack = LocalStack.start(new LocalStackOptions(dataDir, freePort(), freePort(), freePort(), freePort(),
                        freePort(), freePort(), freePort(), null, RETRY_DELAYS, 3), external());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close));
        }
        return stack;
    }

    /**
     * Kafka and PostgreSQL from Testcontainers under {@code -Ptestcontainers} (which adds the class that starts them, and
     * skips the tests when no Docker engine answers); null otherwise: the embedded ones, the default.
     */
    private static LocalStack.External external() {
        if (!"testcontainers".equals(System.getProperty("penguin.test.infrastructure"))) {
            return null;
        }
        try {
            return (LocalStack.External) Class.forName("com.penguinmails.webhooks.localstack.ContainerInfrastructure")
                    .getDeclaredMethod("start").invoke(null);
        } catch (java.lang.reflect.InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("-Ptestcontainers adds ContainerInfrastructure: " + e, e);
        }
    }

    static WebTestClient api() {
        return client(get().apiUrl());
    }

    static WebTestClient ingest() {
        return client(get().ingestUrl());
    }

    static WebTestClient client(String baseUrl) {
        return client(baseUrl, get().apiKey());
    }

    /** A client of the service at the base URL that sends the given API key. */
    static WebTestClient client(String baseUrl, String apiKey) {
        return WebTestClient.bindToServer().baseUrl(baseUrl).responseTimeout(Duration.ofSeconds(30))
                .defaultHeader("Authorization", "Bearer " + apiKey).build();
    }

    /** A JDBC connection to the stack's PostgreSQL, for what the API does not show (or cannot set up). */
    static java.sql.Connection database() throws java.sql.SQLException {
        return java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + get().options().postgresPort() + "/postgres", "postgres", "");
    }

    /**
     * Leaves the webhook as the health policy leaves one it disabled: {@code disabled}, with 100 failed attempts in a row,
     * failing; written to the database, as no request can disable a webhook.
     */
    static void autoPause(String webhookId) {
        try (java.sql.Connection db = database(); var disable = db.prepareStatement("update webhooks set status = 'disabled', "
                + "consecutive_failed_attempts = 100, failing = true where id = ?")) {
            disable.setString(1, webhookId);
            disable.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A new admin API key of the workspace (created when missing), written to the database as an operator would: for
     * tests that need a second workspace, or a key of their own. Such a key authenticates management-api only.
     */
    static String newApiKey(String workspaceId) {
        return newApiKey(workspaceId, "admin");
    }

    /**
     * As {@link #newApiKey(String)}, with no practical request rate: for tests that send requests by the hundred, which
     * are not tests of the rate limit.
     */
    static String newUnthrottledApiKey(String workspaceId) {
        String key = newApiKey(workspaceId);
        try (java.sql.Connection db = database();
             var unlimited = db.prepareStatement("update api_keys set rate_limit_per_second = 100000 where key_hash = ?")) {
            unlimited.setString(1, com.penguinmails.webhooks.model.ApiKeys.hash(key));
            unlimited.executeUpdate();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return key;
    }

    /** As {@link #newApiKey(String)}, with the given role ({@code admin} or {@code developer}). */
    static String newApiKey(String workspaceId, String role) {
        String key = com.penguinmails.webhooks.model.ApiKeys.generate();
        try (java.sql.Connection db = database()) {
            try (var workspace = db.prepareStatement("insert into workspaces (id, name) values (?, ?) on conflict (id) do nothing")) {
                workspace.setString(1, workspaceId);
                workspace.setString(2, "Test " + workspaceId);
                workspace.executeUpdate();
            }
            try (var insert = db.prepareStatement("insert into api_keys (id, workspace_id, name, key_hash, key_prefix, role) values (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, com.penguinmails.webhooks.model.Ids.newApiKeyId());
                insert.setString(2, workspaceId);
                insert.setString(3, "Test key");
                insert.setString(4, com.penguinmails.webhooks.model.ApiKeys.hash(key));
                insert.setString(5, key.substring(0, 8));
                insert.setString(6, role);
                insert.executeUpdate();
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return key;
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
