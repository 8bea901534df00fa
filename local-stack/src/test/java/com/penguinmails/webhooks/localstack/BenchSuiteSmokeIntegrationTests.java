package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark suite (bench/suite.sh, {@code bench.jar suite}) in miniature, so that it never rots: a stack of its own
 * without a dispatcher (the suite starts dispatcher processes from the dispatcher's exec jar, and the shared test stack's
 * dispatcher would take their partitions), seconds instead of minutes, receivers that answer 5 % of requests with a 500
 * so that retries go through the scheduler. It asserts that every chosen scenario completes and reports, with its charts;
 * no speed and no count is asserted: on a cold, shared CI machine some of the fan-out scenario's deliveries can still be
 * on their way (deferred or retried) when its wait ends, and the figures come from the full run (docs/benchmarks.md).
 */
class BenchSuiteSmokeIntegrationTests {

    @Test
    void theSuiteRunsItsScenariosAndWritesTheReportWithCharts(@TempDir Path data, @TempDir Path out) throws Exception {
        assertThat(BenchSmokeIntegrationTests.BENCH_JAR).as("build the bench module first (it comes before local-stack in the reactor)").isRegularFile();
        Path dispatcherJar;
        try (Stream<Path> jars = Files.list(Path.of("..", "dispatcher", "target"))) {
            dispatcherJar = jars.filter(p -> p.getFileName().toString().matches("dispatcher-.*-exec\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("build the dispatcher first: no dispatcher/target/dispatcher-*-exec.jar"));
        }
        LocalStackOptions options = new LocalStackOptions(data, TestStack.freePort(), TestStack.freePort(), TestStack.freePort(),
                TestStack.freePort(), TestStack.freePort(), TestStack.freePort(), TestStack.freePort(), null, List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)),
                3, Set.of("event-ingest", "retry-scheduler"));
        try (LocalStack stack = LocalStack.start(options)) {
            Properties state = new Properties();
            try (InputStream in = Files.newInputStream(data.resolve("local-stack.properties"))) {
                state.load(in);
            }
            BenchSmokeIntegrationTests.runBench(Duration.ofMinutes(5), "suite", "--bootstrap=" + stack.kafkaBootstrapServers(),
                    "--encryption-key=" + state.getProperty("secret-encryption-key"), "--java=" + ServiceJarIntegrationTests.java(),
                    "--dispatcher-jar=" + dispatcherJar, "--out=" + out, "--machine=machine: CI smoke run", "--partitions=3",
                    "--receiver-port=" + BenchSmokeIntegrationTests.freePortRange(5),
                    "--dispatcher-port=" + BenchSmokeIntegrationTests.freePortRange(3),
                    "--dispatcher-jvm=-Xmx256m -XX:+ExitOnOutOfMemoryError -XX:TieredStopAtLevel=1",
                    "--dispatcher-env=PENGUIN_DISPATCHER_RETRYDELAYS=1s,2s", "--receiver-failure-rate=0.05",
                    "--scenarios=ceiling,latency,fanout,memory", "--seconds=3", "--warmup=1", "--warm-up-round=0", "--rate=100",
                    "--memory-webhooks=500", "--backlog=2000", "--memory-seconds=5");
        }
        String report = Files.readString(out.resolve("report.md"));
        assertThat(report).as(report).contains("# Benchmark suite", "- machine: CI smoke run", "| ceiling | raw WebClient",
                "| latency | 100 events/s", "| fan-out: 1 event → 100 webhooks |", "| fan-out: 10,000 webhooks in 1,000 workspaces |",
                "## Memory (scenario 6)", "| webhooks configured | 500 (in 500 workspaces) |", "## Goals", "- deliveries lost over all scenarios: ");
        for (String chart : List.of("throughput.png", "latency.png", "timeline.png", "memory.png")) {
            assertThat(out.resolve(chart)).as(chart).isNotEmptyFile();
            assertThat(Files.readAllBytes(out.resolve(chart))).as(chart + " is a PNG").startsWith(0x89, 'P', 'N', 'G');
        }
    }
}
