package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;

/**
 * The provisioned Grafana dashboard ({@code deploy/grafana/dashboards/webhooks.json}) against what the services really
 * export: after a delivery, a retry and a rejected event have gone through the local stack, every metric a panel's
 * query names, and every label it groups or filters by, must be in a real scrape of the four services'
 * {@code /actuator/prometheus}. A renamed meter or tag breaks this test, not a dashboard in production.
 */
class GrafanaDashboardIntegrationTests {

    private static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "dashboards", "webhooks.json");
    private static final Path ALERTS = Path.of("..", "deploy", "prometheus", "alerts.yml");
    /** Labels Prometheus adds itself (job) or that every histogram bucket has (le). */
    private static final Set<String> ADDED_BY_PROMETHEUS = Set.of("job", "instance", "le");
    /** Series Prometheus makes itself. */
    private static final Set<String> PROMETHEUS_SERIES = Set.of("up");
    private static final Set<String> PROMQL_WORDS = Set.of("sum", "max", "min", "avg", "count", "rate", "irate", "increase",
            "histogram_quantile", "by", "without", "on", "ignoring", "and", "or", "unless", "offset", "topk", "bottomk");
    private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{([^}]*)}");
    private static final Pattern GROUPING = Pattern.compile("\\b(?:by|without)\\s*\\(([^)]*)\\)");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    @Test
    void everyPanelQueriesMetricsAndLabelsTheServicesExport() throws Exception {
        try (TestReceiver ok = TestReceiver.start(); TestReceiver failing = TestReceiver.start(500)) {
            Tour.createWebhook(Map.of("url", ok.url("/ok"), "events", List.of("email.bounced")));
            Tour.createWebhook(Map.of("url", failing.url("/failing"), "events", List.of("email.bounced")));
            Tour.publish(Map.of("type", "email.bounced", "data", Map.of("email_id", "msg_grafana", "bounce_type", "hard", "contact", Map.of("email", "grafana@example.com"))));
            ok.awaitRequests(1, Tour.WAIT);
            failing.awaitRequests(1, Tour.WAIT);
        }
        TestStack.ingest().post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"no.such.type\",\"data\":{}}").exchange().expectStatus().isBadRequest();

        JsonNode dashboard = Json.mapper().readTree(Files.readString(DASHBOARD));
        List<JsonNode> panels = dashboard.get("panels").valueStream().toList();
        Map<String, String> alerts = alertExpressions();
        Set<String> named = new HashSet<>();
        panels.forEach(panel -> panel.get("targets").valueStream().forEach(t -> named.addAll(metricNames(t.get("expr").asString()))));
        alerts.values().forEach(expr -> named.addAll(metricNames(expr)));
        named.removeAll(PROMETHEUS_SERIES);
        // Micrometer binds the Kafka clients' metrics that appear after start-up (per-partition lag, once partitions are
        // assigned) on its next refresh, up to a minute later: wait for that, then hold every panel to the scrape
        Map<String, Set<String>> exported = new HashMap<>();
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(90)).pollInterval(java.time.Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    exported.clear();
                    exported.putAll(scrape());
                    assertThat(exported.keySet()).containsAll(named);
                });
        assertThat(panels).hasSizeGreaterThanOrEqualTo(8);
        Set<String> queried = new HashSet<>();
        for (JsonNode panel : panels) {
            String title = panel.get("title").asString();
            List<String> expressions = panel.get("targets").valueStream().map(t -> t.get("expr").asString()).toList();
            assertThat(expressions).as(title).isNotEmpty();
            for (String expr : expressions) {
                Set<String> metrics = metricNames(expr);
                assertThat(metrics).as("metrics of %s: %s", title, expr).isNotEmpty();
                assertThat(exported.keySet()).as("%s: %s", title, expr).containsAll(metrics);
                Set<String> labels = new HashSet<>();
                metrics.forEach(m -> labels.addAll(exported.get(m)));
                assertThat(labels).as("labels of %s in %s: %s", metrics, title, expr).containsAll(labelNames(expr));
                queried.addAll(metrics);
            }
        }
        // the alert rules name only what is exported too
        assertThat(alerts).hasSizeGreaterThanOrEqualTo(5);
        alerts.forEach((alert, expr) -> {
            Set<String> metrics = metricNames(expr);
            metrics.removeAll(PROMETHEUS_SERIES);
            assertThat(exported.keySet()).as("%s: %s", alert, expr).containsAll(metrics);
            Set<String> labels = new HashSet<>();
            metrics.forEach(m -> labels.addAll(exported.get(m)));
            if (!metrics.isEmpty()) {
                assertThat(labels).as("labels of %s: %s", alert, expr).containsAll(labelNames(expr));
            }
        });
        // what the issue asks the dashboard to show
        assertThat(queried).contains("penguin_dispatcher_attempts_seconds_count", "penguin_dispatcher_attempts_seconds_bucket",
                "kafka_consumer_fetch_manager_records_lag", "penguin_scheduler_pending", "penguin_dispatcher_dead_letters_total");
    }

    @Test
    void readsMetricAndLabelNamesOutOfPromQl() {
        String expr = "histogram_quantile(0.99, sum by (le, outcome) (rate(penguin_x_seconds_bucket{status_class=\"2xx\"}[5m])))"
                + " / sum(rate(other_total[1m]))";
        assertThat(metricNames(expr)).containsExactlyInAnyOrder("penguin_x_seconds_bucket", "other_total");
        assertThat(labelNames(expr)).containsExactlyInAnyOrder("outcome", "status_class");
    }

    /** Alert name to its PromQL, from deploy/prometheus/alerts.yml. */
    private static Map<String, String> alertExpressions() throws java.io.IOException {
        var rules = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().readTree(ALERTS.toFile());
        Map<String, String> alerts = new java.util.LinkedHashMap<>();
        for (var group : rules.get("groups")) {
            for (var rule : group.get("rules")) {
                alerts.put(rule.get("alert").asText(), rule.get("expr").asText());
            }
        }
        return alerts;
    }

    /** Metric name to the label names seen on it, over the four services' scrapes. */
    private static Map<String, Set<String>> scrape() {
        LocalStackOptions options = TestStack.get().options();
        Map<String, Set<String>> metrics = new HashMap<>();
        for (int port : List.of(options.apiPort(), options.ingestPort(), options.dispatcherPort(), options.schedulerPort())) {
            String body = get("http://127.0.0.1:" + port + "/actuator/prometheus");
            for (String line : body.lines().toList()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                Matcher name = IDENTIFIER.matcher(line);
                name.lookingAt();
                Set<String> labels = metrics.computeIfAbsent(name.group(), n -> new HashSet<>());
                Matcher matchers = LABEL_MATCHERS.matcher(line);
                if (matchers.find()) {
                    for (String pair : matchers.group(1).split(",(?=[a-zA-Z_]+=\")")) {
                        labels.add(pair.substring(0, pair.indexOf('=')));
                    }
                }
            }
        }
        return metrics;
    }

    /** A plain GET: a scrape with per-partition Kafka metrics is larger than WebTestClient buffers. */
    private static String get(String url) {
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
            var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(url).isEqualTo(200);
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Set<String> metricNames(String expr) {
        String rest = expr.replaceAll("\"[^\"]*\"", "\"\"");
        rest = LABEL_MATCHERS.matcher(rest).replaceAll(" ");
        rest = GROUPING.matcher(rest).replaceAll(" ");
        rest = rest.replaceAll("\\[[^]]*]", " ");
        Set<String> names = new HashSet<>();
        Matcher identifiers = IDENTIFIER.matcher(rest);
        while (identifiers.find()) {
            String word = identifiers.group();
            int start = identifiers.start();
            boolean partOfNumber = start > 0 && Character.isDigit(rest.charAt(start - 1));
            if (!PROMQL_WORDS.contains(word) && !partOfNumber) {
                names.add(word);
            }
        }
        return names;
    }

    static Set<String> labelNames(String expr) {
        Set<String> labels = new HashSet<>();
        Matcher matchers = LABEL_MATCHERS.matcher(expr);
        while (matchers.find()) {
            Matcher label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(?:=~|!~|!=|=)").matcher(matchers.group(1));
            while (label.find()) {
                labels.add(label.group(1));
            }
        }
        Matcher grouping = GROUPING.matcher(expr);
        while (grouping.find()) {
            for (String label : grouping.group(1).split(",")) {
                labels.add(label.strip());
            }
        }
        labels.removeAll(ADDED_BY_PROMETHEUS);
        return labels;
    }
}
