package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import com.penguinmails.webhooks.model.ApiKeys;
import tools.jackson.databind.JsonNode;

/**
 * The local stack as {@code ./run-local.sh} runs it, in a process group of its own, killed as a crash or a closed
 * terminal kills it. The embedded PostgreSQL runs in a session of its own (pg_ctl detaches it), so {@code kill -9} of
 * the stack's group leaves it running; the next start must find it on its data folder, stop it, say so, and come up,
 * with the data kept, or with {@code --clean} without it. A SIGHUP (the terminal closing) stops PostgreSQL with the
 * stack. A second stack on the folder or the port of one that runs refuses to start, naming what it found. Only Kafka,
 * PostgreSQL and management-api start, to keep three starts short.
 */
class CrashRestartIntegrationTests {

    private static final Duration START_WAIT = Duration.ofMinutes(3);
    private static final String UP = "local stack is up";
    private static final String STOPPED_LEFTOVER = "Stopped a PostgreSQL left running by an earlier run";

    private final String apiKey = ApiKeys.generate();
    private final List<Process> stacks = new ArrayList<>();
    private Path dataDir;
    private Map<String, String> ports;

    @BeforeEach
    void ports() throws IOException {
        dataDir = Files.createTempDirectory("local-stack-crash");
        ports = Map.of("API_PORT", port(), "INGEST_PORT", port(), "DISPATCHER_PORT", port(), "SCHEDULER_PORT", port(),
                "KAFKA_PORT", port(), "KAFKA_CONTROLLER_PORT", port(), "POSTGRES_PORT", port());
    }

    @Test
    void aStackKilledWithKillNineStartsAgainWithAndWithoutCleanAndAHangupStopsItsPostgres() throws Exception {
        Stack first = start("first");
        String webhookId = createWebhook();
        long firstPostgres = postmasterPid();
        first.killGroup("KILL");
        assertThat(alive(firstPostgres)).as("the bug: PostgreSQL (pid %d) outlives a kill -9 of the stack's process group", firstPostgres).isTrue();

        Stack second = start("second");
        assertThat(second.output()).contains("%s (pid %d, port %s".formatted(STOPPED_LEFTOVER, firstPostgres, ports.get("POSTGRES_PORT")));
        assertThat(alive(firstPostgres)).isFalse();
        assertThat(webhookIds()).as("the data of the first run").contains(webhookId);
        long secondPostgres = postmasterPid();
        assertThat(failedStart("on-the-same-data-folder", dataDir)).contains("The data folder %s is in use by a local stack that is running (its PostgreSQL has pid %d"
                .formatted(dataDir, secondPostgres));
        assertThat(alive(secondPostgres)).as("a running stack's PostgreSQL is left alone").isTrue();
        assertThat(failedStart("on-the-same-port", dataDir.resolve("other"))).contains("PostgreSQL's port %s is in use by another PostgreSQL (pid %d"
                .formatted(ports.get("POSTGRES_PORT"), secondPostgres));
        second.killGroup("KILL");
        assertThat(alive(secondPostgres)).isTrue();

        Stack third = start("third", "--clean");
        assertThat(third.output()).contains("%s (pid %d, port %s".formatted(STOPPED_LEFTOVER, secondPostgres, ports.get("POSTGRES_PORT")));
        assertThat(webhookIds()).as("--clean starts from empty data").doesNotContain(webhookId);
        long thirdPostgres = postmasterPid();

        third.killGroup("HUP"); // a terminal that closes hangs up on its foreground process group
        assertThat(third.process.waitFor(90, TimeUnit.SECONDS)).as("the stack stops on SIGHUP:%n%s", third.output()).isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !alive(thirdPostgres));
    }

    /** A stack as a process in its own process group and session ({@code setsid}), as a shell runs a command. */
    private record Stack(Process process, Path log) {

        String output() throws IOException {
            return Files.readString(log);
        }

        /** Sends the signal to the stack's whole process group, and no other, and waits for the stack to go on KILL. */
        void killGroup(String signal) throws Exception {
            Process kill = new ProcessBuilder("kill", "-s", signal, "--", "-" + process.pid()).inheritIO().start();
            assertThat(kill.waitFor()).as("kill -s %s -- -%d", signal, process.pid()).isZero();
            if (signal.equals("KILL")) {
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    private Stack start(String name, String... args) throws IOException {
        Path log = log(name);
        Stack stack = new Stack(stackProcess(log, dataDir, args).start(), log);
        stacks.add(stack.process);
        Awaitility.await().atMost(START_WAIT).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(stack.process.isAlive()).as("the %s stack exited:%n%s", name, stack.output()).isTrue();
            return stack.output().contains(UP);
        });
        return stack;
    }

    /** Starts a stack on the data folder that must refuse to start, and returns what it said. */
    private String failedStart(String name, Path folder) throws Exception {
        Path log = log(name);
        Process process = stackProcess(log, folder).start();
        stacks.add(process);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("a stack %s exits", name).isTrue();
        assertThat(process.exitValue()).as("a stack %s fails:%n%s", name, Files.readString(log)).isEqualTo(1);
        return Files.readString(log);
    }

    private static Path log(String name) {
        return Path.of("target", "crash-restart-" + name + ".log").toAbsolutePath();
    }

    private ProcessBuilder stackProcess(Path log, Path folder, String... args) {
        // env resets SIGHUP to its default, as a terminal's shell does for its jobs, should this JVM ignore it (nohup)
        List<String> command = new ArrayList<>(List.of("setsid", "env", "--default-signal=HUP", ServiceJarIntegrationTests.java(), "-Xmx1g",
                "-XX:TieredStopAtLevel=1", // C1 alone: a JVM that only starts and is killed is quicker up without C2
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow", "-cp", stackClasspath(),
                LocalStackApplication.class.getName(), "--services=management-api", "--data-dir=" + folder));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().keySet().removeIf(variable -> variable.startsWith("LOCAL_") || variable.equals("RETRY_DELAYS"));
        builder.environment().putAll(ports);
        builder.environment().put("LOCAL_API_KEY", apiKey);
        return builder;
    }

    /** The main classes and libraries of the stack, as in its jar: not the tests' classes and their logback-test.xml. */
    private static String stackClasspath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    private String createWebhook() {
        String api = "http://localhost:" + ports.get("API_PORT");
        JsonNode created = TestStack.client(api, apiKey).post().uri("/api/v1/platform/webhooks").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Crash", "url", api + "/inspector/crash", "events", List.of("email.opened")))
                .exchange().expectStatus().isCreated().expectBody(JsonNode.class).returnResult().getResponseBody();
        return created.get("id").asString();
    }

    private List<String> webhookIds() {
        JsonNode list = TestStack.client("http://localhost:" + ports.get("API_PORT"), apiKey).get().uri("/api/v1/platform/webhooks")
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        List<String> ids = new ArrayList<>();
        list.get("data").forEach(webhook -> ids.add(webhook.get("id").asString()));
        return ids;
    }

    /** The running PostgreSQL's pid, from the first line of its {@code postmaster.pid}. */
    private long postmasterPid() throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres").resolve("postmaster.pid")).getFirst().trim());
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static String port() throws IOException {
        return Integer.toString(TestStack.freePort());
    }

    /** Every stack process and every PostgreSQL on the test's data folder is gone, then the folder, whatever happened; the logs stay in target. */
    @AfterEach
    void stopEverything() throws Exception {
        for (Process stack : stacks) {
            if (stack.isAlive()) {
                new ProcessBuilder("kill", "-s", "KILL", "--", "-" + stack.pid()).inheritIO().start().waitFor();
                stack.waitFor(30, TimeUnit.SECONDS);
            }
        }
        List<ProcessHandle> postgres = ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().orElse("").contains(dataDir.toString())).toList();
        postgres.forEach(ProcessHandle::destroy); // SIGTERM: PostgreSQL's smart shutdown, its clients being gone
        for (ProcessHandle process : postgres) {
            try {
                process.onExit().get(20, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                process.destroyForcibly();
            }
        }
        if (Files.exists(dataDir)) {
            try (Stream<Path> paths = Files.walk(dataDir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }
}
