package com.penguinmails.webhooks.bench.suite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Dispatchers as their own processes, as pods run them: the runnable jar, environment variables only, one actuator
 * port each. The scale-out scenario runs one, two and three; the memory scenario reads their RSS and heap.
 */
final class Dispatchers implements AutoCloseable {

    private final String java;
    private final Path jar;
    private final Map<String, String> environment;
    private final int basePort;
    private final List<String> jvmOptions;
    private final List<Process> running = new ArrayList<>();

    Dispatchers(String java, Path jar, Map<String, String> environment, int basePort, List<String> jvmOptions) {
        this.java = java;
        this.jar = jar;
        this.environment = environment;
        this.basePort = basePort;
        this.jvmOptions = jvmOptions;
    }

    /** Starts or stops processes until {@code count} run, each ready. */
    void scaleTo(int count) throws Exception {
        while (running.size() > count) {
            stop(running.removeLast());
        }
        while (running.size() < count) {
            int port = basePort + running.size();
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(jvmOptions);
            command.addAll(List.of("-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().clear();
            builder.environment().putAll(environment);
            builder.environment().put("PORT", Integer.toString(port));
            Path log = Path.of("bench", "target", "dispatcher-" + port + ".log");
            Files.createDirectories(log.getParent());
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
            Process process = builder.start();
            running.add(process);
            awaitReady(port, process, log);
        }
    }

    int count() {
        return running.size();
    }

    /** The actuator base URL of dispatcher {@code i}. */
    String actuator(int i) {
        return "http://127.0.0.1:" + (basePort + i) + "/actuator";
    }

    /** Resident set size of dispatcher {@code i}, in MiB (from /proc). */
    double rssMiB(int i) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(running.get(i).pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /** Heap in use by dispatcher {@code i}, in MiB (its own jvm.memory.used meter). */
    double heapMiB(int i) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            String body = http.send(HttpRequest.newBuilder(URI.create(actuator(i) + "/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double bytes = body.lines().filter(l -> l.startsWith("jvm_memory_used_bytes{") && l.contains("area=\"heap\""))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
            return bytes / (1024 * 1024);
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    private static void awaitReady(int port, Process process, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        try (HttpClient http = HttpClient.newHttpClient()) {
            while (System.nanoTime() < deadline) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("dispatcher on port " + port + " exited; see " + log);
                }
                try {
                    HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                            + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                    if (ready.statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // starting
                }
                Thread.sleep(500);
            }
        }
        throw new IllegalStateException("dispatcher on port " + port + " not ready within 120 s; see " + log);
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    @Override
    public void close() throws Exception {
        scaleTo(0);
    }
}
