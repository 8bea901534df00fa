package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The benchmark harness in miniature, so that it never rots: {@code bench.jar dispatcher} (what bench/dispatcher.sh
 * runs) as a process of its own against the test stack, with a thousand events instead of a hundred thousand and
 * seconds instead of minutes. It asserts that the run completes and reports every table, and that the burst got every
 * healthy delivery; no speed is asserted (figures come from the full run, docs/benchmarks.md).
 */
class BenchSmokeIntegrationTests {

    static final Path BENCH_JAR = Path.of("..", "bench", "target", "bench.jar");

    @Test
    void theDispatcherBenchRunsEveryPhaseAndReports() throws Exception {
        assertThat(BENCH_JAR).as("build the bench module first (it comes before local-stack in the reactor)").isRegularFile();
        LocalStack stack = TestStack.get();
        String report = runBench(Duration.ofMinutes(4), "dispatcher",
                "--bootstrap=" + stack.kafkaBootstrapServers(), "--api=" + stack.apiUrl(), "--api-key=" + stack.apiKey(),
                "--receiver-port=" + freePortRange(5), "--events=1000", "--warmup-events=200", "--paced-rate=200",
                "--paced-seconds=2", "--raw-requests=2000", "--hanging-timeout=2", "--settle-seconds=30", "--quiet-seconds=3");
        assertThat(report).contains("| raw WebClient → 4 loopback receivers | 2,000 |")
                .contains("| healthy endpoints only | burst | 1,000 | 1,000 / 1,000 | 0 |")
                .contains("| healthy endpoints only | paced, 200/s |")
                .contains("| + hanging endpoint | burst |")
                .contains("| + hanging endpoint | paced, 200/s |");
    }

    /**
     * Runs {@code bench.jar} with the arguments as a process of its own until it ends, and returns what it printed;
     * fails when it does not end within {@code timeout} or ends with another exit code than 0.
     */
    static String runBench(Duration timeout, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ServiceJarIntegrationTests.java(), "-Xmx512m", "-Djava.awt.headless=true",
                "-jar", BENCH_JAR.toString()));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("bench-smoke", ".txt");
        try {
            Process bench = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean finished = bench.waitFor(timeout.toSeconds(), TimeUnit.SECONDS);
            if (!finished) {
                bench.destroyForcibly().waitFor();
            }
            String printed = Files.readString(output);
            assertThat(finished).as("bench %s finished within %s:%n%s", arguments[0], timeout, printed).isTrue();
            assertThat(bench.exitValue()).as("bench %s exit code:%n%s", arguments[0], printed).isZero();
            return printed;
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The first of {@code count} consecutive free loopback ports (the bench's receivers take a range). */
    static int freePortRange(int count) throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = TestStack.freePort();
            if (base + count > 65535) {
                continue;
            }
            boolean free = true;
            for (int port = base; port < base + count && free; port++) {
                try (ServerSocket socket = new ServerSocket(port)) {
                    socket.setReuseAddress(true);
                } catch (IOException taken) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free ports");
    }
}
