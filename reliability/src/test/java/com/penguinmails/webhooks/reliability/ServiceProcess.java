package com.penguinmails.webhooks.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service (event-ingest, dispatcher, ...) as its own JVM, started from its exec jar with environment variables
 * only, as a container runs it; it can be killed (SIGKILL), stopped (SIGTERM) and started again with the same
 * settings.
 */
final class ServiceProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final String module;
    private final Map<String, String> environment;
    private final int port;
    private final Path log;
    private Process process;

    ServiceProcess(String name, String module, Map<String, String> environment, int port, Path logDir) {
        this.name = name;
        this.module = module;
        this.environment = Map.copyOf(environment);
        this.port = port;
        this.log = logDir.resolve(name + ".log");
    }

    /** Starts the JVM without waiting for it: {@link #awaitReady()} does. */
    ServiceProcess launch() {
        ProcessBuilder builder = new ProcessBuilder(List.of(Services.java(), "-Xmx384m", "-XX:+UseSerialGC",
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-jar", Services.jar(module).toString()))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().clear();
        builder.environment().putAll(environment);
        builder.environment().put("PORT", Integer.toString(port));
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
        return this;
    }

    /** Waits until the service reports itself ready ({@code /actuator/health/readiness} is UP). */
    ServiceProcess awaitReady() {
        Process started = process;
        Poll.until(name + " ready (log: " + log + ")", START_TIMEOUT, () -> {
            if (!started.isAlive()) {
                throw new AssertionError(name + " exited with " + started.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<String> readiness = HTTP.send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + port + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                return readiness.statusCode() == 200 && readiness.body().contains("\"UP\"");
            } catch (IOException e) {
                return false;
            }
        });
        return this;
    }

    ServiceProcess start() {
        return launch().awaitReady();
    }

    /** {@code kill -9}: no shutdown hook, no last commit, no graceful drain. */
    void kill() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as Kubernetes stops a pod: the service drains and commits what finished. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " did not stop within 90 s of SIGTERM; see " + log);
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    @Override
    public void close() throws InterruptedException {
        if (isAlive()) {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }
}
