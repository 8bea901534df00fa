package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The container files: Debian's {@code docker-compose config} must accept {@code deploy/docker-compose.yml} (no Docker
 * engine runs here, so nothing is built or started), and the compose file, the Dockerfile, Prometheus' scrape targets
 * and Grafana's provisioning must agree with each other and with the Maven modules.
 */
class ContainerFilesTests {

    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final Path COMPOSE = DEPLOY.resolve("docker-compose.yml");
    private static final List<String> SERVICES = List.of("management-api", "event-ingest", "dispatcher", "retry-scheduler");
    private static final String KEY = "dGVzdC1rZXktdGVzdC1rZXktdGVzdC1rZXktdGVzdC0=";

    @Test
    void composeAcceptsTheFileAndRunsEveryServiceFromTheDockerfileNextToKafkaPostgresPrometheusAndGrafana() throws Exception {
        Result config = compose(Map.of("PENGUIN_SECRET_ENCRYPTION_KEY", KEY), "config");
        assertThat(config.exitCode()).as("docker-compose config:%n%s", config.errors()).isZero();
        JsonNode resolved = new YAMLMapper().readTree(config.output());
        JsonNode services = resolved.get("services");

        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).containsAll(SERVICES).contains("kafka", "postgres", "prometheus", "grafana");
        for (String service : SERVICES) {
            JsonNode definition = services.get(service);
            assertThat(definition.at("/build/dockerfile").asText()).as(service).endsWith("deploy/Dockerfile");
            assertThat(definition.at("/build/args/SERVICE").asText()).as(service).isEqualTo(service);
            assertThat(definition.at("/environment/KAFKA_BOOTSTRAP_SERVERS").asText()).as(service).isEqualTo("kafka:9092");
            assertThat(definition.at("/environment/LOGGING_STRUCTURED_FORMAT_CONSOLE").asText()).as(service).isEqualTo("ecs");
            assertThat(definition.at("/depends_on/kafka/condition").asText()).as(service).isEqualTo("service_healthy");
        }
        for (String needsKey : List.of("management-api", "dispatcher")) {
            assertThat(services.at("/" + needsKey + "/environment/PENGUIN_SECRET_ENCRYPTION_KEY").asText()).isEqualTo(KEY);
        }
        assertThat(services.at("/management-api/depends_on/postgres/condition").asText()).isEqualTo("service_healthy");
        assertThat(services.at("/kafka/healthcheck/test").isMissingNode()).as("kafka healthcheck").isFalse();
        assertThat(services.at("/postgres/healthcheck/test").isMissingNode()).as("postgres healthcheck").isFalse();
        // the dispatcher drains its in-flight calls after SIGTERM (40 s) before compose kills it
        assertThat(composeDuration(services.at("/dispatcher/stop_grace_period").asText())).isGreaterThan(Duration.ofSeconds(40));

        // Prometheus scrapes each service on the port compose gives it
        String prometheus = Files.readString(DEPLOY.resolve("prometheus/prometheus.yml"));
        for (String service : SERVICES) {
            String port = services.at("/" + service + "/environment/PORT").asText();
            assertThat(prometheus).as("scrape target of " + service).contains("\"" + service + ":" + port + "\"");
        }
        // Grafana reads its dashboards where compose mounts them
        String provider = Files.readString(DEPLOY.resolve("grafana/provisioning/dashboards/webhooks.yml"));
        String mounted = services.at("/grafana/volumes").toString();
        assertThat(mounted).contains("/var/lib/grafana/dashboards");
        assertThat(provider).contains("path: /var/lib/grafana/dashboards");
        assertThat(DEPLOY.resolve("grafana/dashboards/webhooks.json")).isRegularFile();
    }

    @Test
    void composeRefusesToStartWithoutTheEncryptionKey() throws Exception {
        Result config = compose(Map.of(), "config", "-q");
        assertThat(config.exitCode()).isNotZero();
        assertThat(config.errors() + config.output()).contains("PENGUIN_SECRET_ENCRYPTION_KEY");
    }

    @Test
    void theDockerfileBuildsEveryModuleIntoALayeredNonRootImageWithAHealthCheck() throws Exception {
        String dockerfile = Files.readString(DEPLOY.resolve("Dockerfile"));
        assertThat(Pattern.compile("(?m)^FROM ").matcher(dockerfile).results().count()).as("stages").isEqualTo(2);
        assertThat(dockerfile).contains("extract --layers --launcher");
        Matcher user = Pattern.compile("(?m)^USER (\\d+)").matcher(dockerfile);
        assertThat(user.find()).as("USER with a numeric id").isTrue();
        assertThat(Integer.parseInt(user.group(1))).as("non-root user").isPositive();
        assertThat(dockerfile).containsPattern("(?ms)^HEALTHCHECK .*?/actuator/health/readiness");
        assertThat(dockerfile).containsPattern("(?m)^ENTRYPOINT \\[\"java\", \"org.springframework.boot.loader.launch.JarLauncher\"]");
        assertThat(dockerfile).contains("MaxRAMPercentage");
        // the reactor needs every module's pom: a new module missing here would break the image build
        Matcher modules = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(Path.of("..", "pom.xml")));
        while (modules.find()) {
            assertThat(dockerfile).as("COPY of module " + modules.group(1)).containsPattern("(?m)^COPY " + Pattern.quote(modules.group(1)) + "/");
        }
    }

    /** docker-compose prints durations like {@code 1m30s}. */
    private static Duration composeDuration(String text) {
        Matcher parts = Pattern.compile("(\\d+)([hms])").matcher(text);
        Duration total = Duration.ZERO;
        while (parts.find()) {
            long amount = Long.parseLong(parts.group(1));
            total = total.plus(switch (parts.group(2)) {
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            });
        }
        return total;
    }

    private record Result(int exitCode, String output, String errors) {
    }

    private static Result compose(Map<String, String> env, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker-compose", "-f", COMPOSE.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("PENGUIN_SECRET_ENCRYPTION_KEY");
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new AssertionError("docker-compose is needed for this test: apt-get install -y docker-compose (.ci/run does)", e);
        }
        process.getOutputStream().close();
        var errors = java.util.concurrent.CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
        String output = read(process.getInputStream());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("docker-compose finished").isTrue();
        return new Result(process.exitValue(), output, errors.join());
    }

    private static String read(java.io.InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
