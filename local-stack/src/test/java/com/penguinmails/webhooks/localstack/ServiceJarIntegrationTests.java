package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;

import com.penguinmails.webhooks.model.Ids;
import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;

/**
 * A service as a container runs it: the dispatcher's runnable jar ({@code dispatcher-*-exec.jar}, what the image
 * holds) started as a process of its own with nothing but environment variables, against the local stack's broker, in
 * place of the stack's own dispatcher. It must become ready, deliver, dead-letter, and write structured JSON logs (the
 * ECS format) whose delivery events carry the delivery's ids as fields and none of the secrets or bodies; SIGTERM stops
 * it cleanly.
 */
class ServiceJarIntegrationTests {

    @Test
    void theDispatcherJarRunsFromEnvironmentVariablesAloneAndLogsJsonWithIdsButNoSecrets() throws Exception {
        LocalStack stack = TestStack.get();
        String encryptionKey = stack.bean("dispatcher", Environment.class).getProperty("penguin.dispatcher.secret-encryption-key");
        String run = UUID.randomUUID().toString();
        Path log = Files.createTempFile("dispatcher-jar", ".log");
        try (TestReceiver ok = TestReceiver.start(); TestReceiver failing = TestReceiver.start(500)) {
            JsonNode okHook = Tour.createWebhook(Map.of("url", ok.url("/jar"), "events", List.of("email.clicked"),
                    "filters", Map.of("payload", Map.of("email_id", "msg_jar_ok_" + run))));
            JsonNode failingHook = Tour.createWebhook(Map.of("url", failing.url("/jar"), "events", List.of("email.clicked"),
                    "retries_enabled", false, "filters", Map.of("payload", Map.of("email_id", "msg_jar_failing_" + run))));

            stack.stop("dispatcher");
            Process dispatcher = null;
            try {
                int port = TestStack.freePort();
                ProcessBuilder builder = new ProcessBuilder(java(), "-Xmx256m", "-jar", jar("dispatcher").toString())
                        .redirectErrorStream(true).redirectOutput(log.toFile());
                builder.environment().clear();
                builder.environment().putAll(Map.of(
                        "PORT", Integer.toString(port),
                        "KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrapServers(),
                        "PENGUIN_SECRET_ENCRYPTION_KEY", encryptionKey,
                        "PENGUIN_KAFKA_PARTITIONS", Integer.toString(stack.options().partitions()),
                        // the receivers are on loopback, which production refuses (SSRF guard)
                        "PENGUIN_DISPATCHER_ALLOWPRIVATETARGETS", "true",
                        "LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs"));
                dispatcher = builder.start();
                awaitReady(port, dispatcher, log);

                String okEvent = Tour.publish(clicked("msg_jar_ok_" + run)).getFirst();
                String failingEvent = Tour.publish(clicked("msg_jar_failing_" + run)).getFirst();
                assertThat(Json.mapper().readTree(ok.awaitRequests(1, Tour.WAIT).getFirst().body()).get("id").asString())
                        .isEqualTo(okEvent);
                failing.awaitRequests(1, Tour.WAIT);
                String deadLetter = Ids.deliveryId(failingEvent, failingHook.get("id").asString());
                Awaitility.await().atMost(Tour.WAIT).until(() -> Files.readString(log).contains(deadLetter));
            } finally {
                if (dispatcher != null) {
                    dispatcher.destroy(); // SIGTERM, as Kubernetes stops a pod
                    assertThat(dispatcher.waitFor(90, TimeUnit.SECONDS)).as("stopped after SIGTERM").isTrue();
                }
                stack.start("dispatcher");
            }

            List<JsonNode> lines = new ArrayList<>();
            for (String line : Files.readAllLines(log)) {
                if (line.isBlank() || line.startsWith("WARNING:")) {
                    continue; // the JVM's own warnings (native access) come before logging starts
                }
                JsonNode json = Json.mapper().readTree(line);
                assertThat(json.has("@timestamp") && json.has("message")).as("an ECS JSON line: %s", line).isTrue();
                lines.add(json);
            }
            assertThat(lines).as("log lines").hasSizeGreaterThan(10);
            assertThat(lines).anySatisfy(json -> assertThat(json.get("message").asString()).contains("Netty started on port"));
            JsonNode deadLettered = lines.stream().filter(json -> json.get("message").asString().contains("dead-lettered"))
                    .findFirst().orElseThrow(() -> new AssertionError("no dead-letter line in " + log));
            assertThat(deadLettered.has("webhook_id")).as("ids as fields: %s", deadLettered).isTrue();
            assertThat(deadLettered.at("/log/level").asString()).isEqualTo("WARN");
            assertThat(deadLettered.get("webhook_id").asString()).isEqualTo(failingHook.get("id").asString());
            assertThat(deadLettered.get("event_type").asString()).isEqualTo("email.clicked");
            assertThat(deadLettered.get("status_code").asInt()).isEqualTo(500);
            assertThat(deadLettered.get("trace_id").asString()).hasSize(32);

            String all = Files.readString(log);
            assertThat(all).doesNotContain(okHook.get("secret").asString(), failingHook.get("secret").asString(),
                    encryptionKey, stack.apiKey(), "jar@example.com", "msg_jar_ok_" + run);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static Map<String, Object> clicked(String emailId) {
        return Map.of("type", "email.clicked", "data", Map.of("email_id", emailId, "url", "https://example.com/offer",
                "contact", Map.of("email", "jar@example.com")));
    }

    /** The runnable jar the module's build made, as deploy/Dockerfile takes it. */
    static Path jar(String module) throws IOException {
        Path target = Path.of("..", module, "target");
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> found = Files.newDirectoryStream(target, module + "-*-exec.jar")) {
            found.forEach(jars::add);
        }
        assertThat(jars).as("%s: build the module first (mvn package)", target).hasSize(1);
        return jars.getFirst();
    }

    /** The Java running this test (Java 25): the services need no other. */
    static String java() {
        return ProcessHandle.current().info().command().orElseThrow();
    }

    private static void awaitReady(int port, Process process, Path log) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
                assertThat(process.isAlive()).as("dispatcher process exited:%n%s", Files.readString(log)).isTrue();
                try {
                    HttpResponse<String> readiness = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
                    return readiness.statusCode() == 200 && readiness.body().contains("\"UP\"");
                } catch (IOException e) {
                    return false;
                }
            });
        }
    }
}
