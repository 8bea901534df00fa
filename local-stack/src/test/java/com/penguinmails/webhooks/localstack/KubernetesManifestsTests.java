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

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.convert.DurationStyle;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders every Kustomize overlay under {@code deploy/k8s} with {@code kubectl kustomize}, reads the result into
 * fabric8's typed Kubernetes models (custom resources, KEDA's ScaledObject and the ServiceMonitor, as generic
 * resources) and checks what a pod needs to run safely: probes on Boot's health groups, resources, a locked-down
 * security context, a disruption budget, a grace period the dispatcher's drain fits in, and how the dispatcher scales.
 */
class KubernetesManifestsTests {

    private static final Path OVERLAYS = Path.of("..", "deploy", "k8s", "overlays");
    private static final List<String> SERVICES = List.of("event-ingest", "dispatcher", "retry-scheduler", "management-api");
    /** spring.lifecycle.timeout-per-shutdown-phase's default: how long the listener containers may take to stop. */
    private static final Duration LISTENER_STOP = Duration.ofSeconds(30);
    private static final ObjectMapper MODELS = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** One overlay's manifests, typed. */
    private record Manifests(List<HasMetadata> all) {

        <T extends HasMetadata> List<T> of(Class<T> type) {
            return all.stream().filter(type::isInstance).map(type::cast).toList();
        }

        List<GenericKubernetesResource> custom(String kind) {
            return of(GenericKubernetesResource.class).stream().filter(r -> kind.equals(r.getKind())).toList();
        }

        <T extends HasMetadata> T named(Class<T> type, String name) {
            return of(type).stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " named " + name));
        }

        int partitions() {
            return Integer.parseInt(named(ConfigMap.class, "webhooks-config").getData().get("PENGUIN_KAFKA_PARTITIONS"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "hpa"})
    void everyDeploymentIsProbedResourcedLockedDownAndCoveredByABudget(String overlay) throws Exception {
        Manifests manifests = render(overlay);

        assertThat(manifests.of(Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(SERVICES);
        for (Deployment deployment : manifests.of(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(name + " runAsNonRoot").isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as(name + " runAsUser").isPositive();
            assertThat(pod.getAutomountServiceAccountToken()).as(name + " service account token").isFalse();
            assertThat(pod.getVolumes()).as(name + " volumes").anySatisfy(v -> assertThat(v.getName()).isEqualTo("tmp"));

            Container container = pod.getContainers().getFirst();
            // fabric8 keeps fields it does not know aside: a typo (readinesProbe) must not pass as an absent probe
            assertThat(deployment.getSpec().getAdditionalProperties()).as(name + " unknown deployment fields").isEmpty();
            assertThat(pod.getAdditionalProperties()).as(name + " unknown pod fields").isEmpty();
            assertThat(container.getAdditionalProperties()).as(name + " unknown container fields").isEmpty();
            assertThat(container.getImage()).startsWith("ghcr.io/penguinmails/webhooks-" + name + ":");
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).as(name).isEqualTo("/actuator/health/liveness");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).as(name).isEqualTo("/actuator/health/readiness");
            assertThat(container.getStartupProbe().getHttpGet().getPath()).as(name).isEqualTo("/actuator/health/liveness");
            for (var bound : List.of(container.getResources().getRequests(), container.getResources().getLimits())) {
                assertThat(bound).as(name + " resources").containsKeys("cpu", "memory");
            }
            var security = container.getSecurityContext();
            assertThat(security.getReadOnlyRootFilesystem()).as(name + " readOnlyRootFilesystem").isTrue();
            assertThat(security.getAllowPrivilegeEscalation()).as(name + " allowPrivilegeEscalation").isFalse();
            assertThat(security.getCapabilities().getDrop()).as(name + " dropped capabilities").contains("ALL");
            assertThat(container.getVolumeMounts()).extracting(VolumeMount::getMountPath).as(name).contains("/tmp");

            Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            assertThat(manifests.of(PodDisruptionBudget.class)).as(name + " has a PodDisruptionBudget")
                    .anySatisfy(pdb -> assertThat(selects(pdb.getSpec().getSelector().getMatchLabels(), podLabels)).isTrue());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "hpa"})
    void theDispatchersGracePeriodOutlastsItsDrain(String overlay) throws Exception {
        Deployment dispatcher = render(overlay).named(Deployment.class, "dispatcher");
        Duration drain = DurationStyle.detectAndParse(env(dispatcher.getSpec().getTemplate().getSpec().getContainers().getFirst(),
                "PENGUIN_DISPATCHER_SHUTDOWNGRACE"));
        long grace = dispatcher.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds();

        assertThat(Duration.ofSeconds(grace)).isGreaterThan(drain.plus(LISTENER_STOP));
    }

    @ParameterizedTest
    @ValueSource(strings = {"production", "hpa"})
    void everyServiceIsScraped(String overlay) throws Exception {
        Manifests manifests = render(overlay);
        List<GenericKubernetesResource> monitors = manifests.custom("ServiceMonitor");

        assertThat(manifests.of(Service.class)).extracting(s -> s.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(SERVICES);
        for (Service service : manifests.of(Service.class)) {
            assertThat(monitors).as(service.getMetadata().getName() + " is scraped").anySatisfy(monitor -> {
                Map<String, Object> spec = monitor.get("spec");
                @SuppressWarnings("unchecked")
                Map<String, String> matchLabels = (Map<String, String>) ((Map<String, Object>) spec.get("selector")).get("matchLabels");
                assertThat(selects(matchLabels, service.getMetadata().getLabels())).isTrue();
                assertThat(spec.get("endpoints").toString()).contains("path=/actuator/prometheus");
            });
        }
    }

    @Test
    void productionScalesTheDispatcherOnItsConsumerGroupsLag() throws Exception {
        Manifests manifests = render("production");
        GenericKubernetesResource scaled = manifests.custom("ScaledObject").stream()
                .filter(r -> "dispatcher".equals(r.getMetadata().getName())).findFirst().orElseThrow();

        assertThat(scaled.getApiVersion()).isEqualTo("keda.sh/v1alpha1");
        assertThat((String) scaled.get("spec", "scaleTargetRef", "name")).isEqualTo("dispatcher");
        assertThat((String) scaled.get("spec", "triggers", 0, "type")).isEqualTo("kafka");
        assertThat((String) scaled.get("spec", "triggers", 0, "metadata", "consumerGroup")).isEqualTo("dispatcher");
        assertThat((String) scaled.get("spec", "triggers", 0, "metadata", "bootstrapServers")).isNotBlank();
        assertThat(Integer.parseInt(scaled.get("spec", "triggers", 0, "metadata", "lagThreshold"))).isPositive();
        assertThat(((Number) scaled.get("spec", "maxReplicaCount")).intValue()).as("no more pods than partitions")
                .isLessThanOrEqualTo(manifests.partitions());
        assertThat(manifests.of(HorizontalPodAutoscaler.class)).as("KEDA makes its own HPA").isEmpty();
    }

    @Test
    void theHpaOverlayScalesTheDispatcherOnCpuWithoutKeda() throws Exception {
        Manifests manifests = render("hpa");
        HorizontalPodAutoscaler hpa = manifests.named(HorizontalPodAutoscaler.class, "dispatcher");

        assertThat(manifests.custom("ScaledObject")).isEmpty();
        assertThat(hpa.getApiVersion()).isEqualTo("autoscaling/v2");
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo("dispatcher");
        assertThat(hpa.getSpec().getMetrics()).anySatisfy(metric -> assertThat(metric.getResource().getName()).isEqualTo("cpu"));
        assertThat(hpa.getSpec().getMaxReplicas()).as("no more pods than partitions").isLessThanOrEqualTo(manifests.partitions());
    }

    private static Manifests render(String overlay) throws IOException, InterruptedException {
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
                return new Manifests(documents.readAll().stream()
                        .filter(node -> node != null && !node.isMissingNode() && !node.isEmpty())
                        .map(KubernetesManifestsTests::typed)
                        .toList());
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    /** The manifest as its fabric8 model; kinds without one (custom resources) as a generic resource. */
    private static HasMetadata typed(JsonNode manifest) {
        Class<? extends HasMetadata> type = switch (manifest.at("/apiVersion").asText() + " " + manifest.at("/kind").asText()) {
            case "apps/v1 Deployment" -> Deployment.class;
            case "v1 Service" -> Service.class;
            case "v1 ConfigMap" -> ConfigMap.class;
            case "v1 Secret" -> io.fabric8.kubernetes.api.model.Secret.class;
            case "v1 Namespace" -> io.fabric8.kubernetes.api.model.Namespace.class;
            case "policy/v1 PodDisruptionBudget" -> PodDisruptionBudget.class;
            case "autoscaling/v2 HorizontalPodAutoscaler" -> HorizontalPodAutoscaler.class;
            default -> GenericKubernetesResource.class;
        };
        try {
            return MODELS.treeToValue(manifest, type);
        } catch (IOException e) {
            throw new AssertionError("not a valid " + type.getSimpleName() + ": " + manifest, e);
        }
    }

    private static String env(Container container, String name) {
        return container.getEnv().stream().filter(variable -> name.equals(variable.getName())).map(EnvVar::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("no env " + name + " on " + container.getName()));
    }

    /** Whether a non-empty label selector matches the given labels. */
    private static boolean selects(Map<String, String> matchLabels, Map<String, String> labels) {
        if (matchLabels == null || matchLabels.isEmpty() || labels == null) {
            return false;
        }
        return matchLabels.entrySet().stream().allMatch(label -> label.getValue().equals(labels.get(label.getKey())));
    }
}
