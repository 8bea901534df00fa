package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.convert.DurationStyle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders every Kustomize overlay under {@code deploy/k8s} with {@code kubectl kustomize} and checks what a pod needs
 * to run safely: probes on Boot's health groups, resources, a locked-down security context, a disruption budget, a
 * grace period the dispatcher's drain fits in, and how the dispatcher scales. The manifests are read as Jackson trees
 * (fabric8's typed models are not among the build's dependencies).
 */
class KubernetesManifestsTests {

    private static final Path OVERLAYS = Path.of("..", "deploy", "k8s", "overlays");
    private static final List<String> SERVICES = List.of("event-ingest", "dispatcher", "retry-scheduler", "management-api");
    /** spring.lifecycle.timeout-per-shutdown-phase's default: how long the listener containers may take to stop. */
    private static final Duration LISTENER_STOP = Duration.ofSeconds(30);

    @ParameterizedTest
    @ValueSource(strings = {"production", "hpa"})
    void everyDeploymentIsProbedResourcedLockedDownAndCoveredByABudget(String overlay) throws Exception {
        List<JsonNode> manifests = render(overlay);

        assertThat(names(manifests, "Deployment")).containsExactlyInAnyOrderElementsOf(SERVICES);
        for (JsonNode deployment : ofKind(manifests, "Deployment")) {
            String name = deployment.at("/metadata/name").asText();
            JsonNode pod = deployment.at("/spec/template/spec");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(name + " runAsNonRoot").isTrue();
            assertThat(pod.at("/volumes").findValuesAsText("name")).as(name + " volumes").contains("tmp");

            JsonNode container = pod.at("/containers/0");
            assertThat(container.at("/image").asText()).startsWith("ghcr.io/penguinmails/webhooks-" + name + ":");
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).as(name).isEqualTo("/actuator/health/liveness");
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).as(name).isEqualTo("/actuator/health/readiness");
            for (String bound : List.of("requests", "limits")) {
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(container.at("/resources/" + bound + "/" + resource).asText())
                            .as(name + " " + bound + "." + resource).isNotBlank();
                }
            }
            JsonNode security = container.at("/securityContext");
            assertThat(security.at("/readOnlyRootFilesystem").asBoolean()).as(name + " readOnlyRootFilesystem").isTrue();
            assertThat(security.at("/allowPrivilegeEscalation").asBoolean(true)).as(name + " allowPrivilegeEscalation").isFalse();
            assertThat(texts(security.at("/capabilities/drop"))).as(name + " dropped capabilities").contains("ALL");
            assertThat(container.at("/volumeMounts").findValuesAsText("mountPath")).as(name).contains("/tmp");

            JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
            assertThat(ofKind(manifests, "PodDisruptionBudget"))
                    .as(name + " has a PodDisruptionBudget")
                    .anySatisfy(pdb -> assertThat(selects(pdb.at("/spec/selector/matchLabels"), podLabels)).isTrue());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "hpa"})
    void theDispatchersGracePeriodOutlastsItsDrain(String overlay) throws Exception {
        JsonNode dispatcher = named(render(overlay), "Deployment", "dispatcher");
        Duration drain = DurationStyle.detectAndParse(env(dispatcher.at("/spec/template/spec/containers/0"),
                "PENGUIN_DISPATCHER_SHUTDOWNGRACE"));
        long grace = dispatcher.at("/spec/template/spec/terminationGracePeriodSeconds").asLong();

        assertThat(Duration.ofSeconds(grace)).isGreaterThan(drain.plus(LISTENER_STOP));
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "hpa"})
    void everyServiceIsScraped(String overlay) throws Exception {
        List<JsonNode> manifests = render(overlay);
        List<JsonNode> monitors = ofKind(manifests, "ServiceMonitor");

        assertThat(names(manifests, "Service")).containsExactlyInAnyOrderElementsOf(SERVICES);
        for (JsonNode service : ofKind(manifests, "Service")) {
            assertThat(monitors).as(service.at("/metadata/name").asText() + " is scraped").anySatisfy(monitor -> {
                assertThat(selects(monitor.at("/spec/selector/matchLabels"), service.at("/metadata/labels"))).isTrue();
                assertThat(monitor.at("/spec/endpoints").findValuesAsText("path")).contains("/actuator/prometheus");
            });
        }
    }

    @Test
    void productionScalesTheDispatcherOnItsConsumerGroupsLag() throws Exception {
        List<JsonNode> manifests = render("production");
        JsonNode scaled = named(manifests, "ScaledObject", "dispatcher");

        assertThat(scaled.at("/apiVersion").asText()).isEqualTo("keda.sh/v1alpha1");
        assertThat(scaled.at("/spec/scaleTargetRef/name").asText()).isEqualTo("dispatcher");
        JsonNode trigger = scaled.at("/spec/triggers/0");
        assertThat(trigger.at("/type").asText()).isEqualTo("kafka");
        assertThat(trigger.at("/metadata/consumerGroup").asText()).isEqualTo("dispatcher");
        assertThat(trigger.at("/metadata/bootstrapServers").asText()).isNotBlank();
        assertThat(Integer.parseInt(trigger.at("/metadata/lagThreshold").asText())).isPositive();
        assertThat(scaled.at("/spec/maxReplicaCount").asInt()).as("no more pods than partitions")
                .isLessThanOrEqualTo(partitions(manifests));
        assertThat(ofKind(manifests, "HorizontalPodAutoscaler")).as("KEDA makes its own HPA").isEmpty();
    }

    @Test
    void theHpaOverlayScalesTheDispatcherOnCpuWithoutKeda() throws Exception {
        List<JsonNode> manifests = render("hpa");
        JsonNode hpa = named(manifests, "HorizontalPodAutoscaler", "dispatcher");

        assertThat(ofKind(manifests, "ScaledObject")).isEmpty();
        assertThat(hpa.at("/apiVersion").asText()).isEqualTo("autoscaling/v2");
        assertThat(hpa.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
        assertThat(hpa.at("/spec/scaleTargetRef/name").asText()).isEqualTo("dispatcher");
        assertThat(hpa.at("/spec/metrics").findValuesAsText("name")).contains("cpu");
        assertThat(hpa.at("/spec/maxReplicas").asInt()).as("no more pods than partitions")
                .isLessThanOrEqualTo(partitions(manifests));
    }

    private static List<JsonNode> render(String overlay) throws IOException, InterruptedException {
        Path dir = OVERLAYS.resolve(overlay);
        assertThat(dir).as("overlay directory").isDirectory();
        Path output = Files.createTempFile("kustomize-" + overlay, ".yaml");
        try {
            Process kubectl = new ProcessBuilder("kubectl", "kustomize", dir.toString())
                    .redirectOutput(output.toFile())
                    .redirectError(ProcessBuilder.Redirect.PIPE)
                    .start();
            String errors = new String(kubectl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(kubectl.waitFor(60, TimeUnit.SECONDS)).as("kubectl kustomize %s finished", dir).isTrue();
            assertThat(kubectl.exitValue()).as("kubectl kustomize %s failed:%n%s", dir, errors).isZero();
            try (var documents = new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(output.toFile())) {
                return documents.readAll().stream().filter(node -> node != null && !node.isMissingNode()).toList();
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static List<JsonNode> ofKind(List<JsonNode> manifests, String kind) {
        return manifests.stream().filter(node -> kind.equals(node.at("/kind").asText())).toList();
    }

    private static List<String> names(List<JsonNode> manifests, String kind) {
        return ofKind(manifests, kind).stream().map(node -> node.at("/metadata/name").asText()).toList();
    }

    private static JsonNode named(List<JsonNode> manifests, String kind, String name) {
        return ofKind(manifests, kind).stream()
                .filter(node -> name.equals(node.at("/metadata/name").asText()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named " + name));
    }

    private static int partitions(List<JsonNode> manifests) {
        return Integer.parseInt(named(manifests, "ConfigMap", "webhooks-config").at("/data/PENGUIN_KAFKA_PARTITIONS").asText());
    }

    private static String env(JsonNode container, String name) {
        return StreamSupport.stream(container.at("/env").spliterator(), false)
                .filter(variable -> name.equals(variable.at("/name").asText()))
                .map(variable -> variable.at("/value").asText())
                .findFirst()
                .orElseThrow(() -> new AssertionError("no env " + name + " on " + container.at("/name").asText()));
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    /** Whether a non-empty label selector matches the given labels. */
    private static boolean selects(JsonNode matchLabels, JsonNode labels) {
        if (matchLabels.isMissingNode() || matchLabels.isEmpty()) {
            return false;
        }
        return matchLabels.properties().stream()
                .allMatch((Map.Entry<String, JsonNode> label) -> label.getValue().equals(labels.get(label.getKey())));
    }
}
