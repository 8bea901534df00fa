package com.penguinmails.webhooks.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.penguinmails.webhooks.model.ApiKeys;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.signing.SecretCipher;

/**
 * Everything the faults break, each a process of its own: a Kafka broker, PostgreSQL, event-ingest, management-api,
 * two dispatchers in one consumer group and the retry scheduler. One per test JVM, shared by the fault tests, which
 * leave every part running again when they end; each test creates webhooks of its own and reconciles only those.
 */
final class FaultCluster {

    static final String WORKSPACE = "ws_reliability";
    static final int PARTITIONS = 12;
    /**
     * Short retry delays, so that retries happen within the test; with the webhooks' ten retries (the last delay
     * repeats) a delivery keeps trying for about 100 s, so a receiver may be down a while.
     */
    static final String RETRY_DELAYS = "1s,2s,4s,8s,15s";

    private static FaultCluster cluster;

    private final Path dir;
    private final String apiKey = ApiKeys.generate();
    private final String encryptionKey = SecretCipher.generateKey();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private BrokerProcess broker;
    private PostgresServer postgres;
    private ServiceProcess ingest;
    private ServiceProcess api;
    private ServiceProcess scheduler;
    private final List<ServiceProcess> dispatchers = new ArrayList<>();

    private FaultCluster(Path dir) {
        this.dir = dir;
    }

    static synchronized FaultCluster get() {
        if (cluster == null) {
            try {
                Path dir = Files.createDirectories(Path.of("target", "reliability", "cluster-" + System.currentTimeMillis()));
                FaultCluster started = new FaultCluster(dir.toAbsolutePath());
                Runtime.getRuntime().addShutdownHook(new Thread(started::close));
                started.start();
                cluster = started;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return cluster;
    }

    private void start() throws IOException, InterruptedException {
        Instant started = Instant.now();
        broker = BrokerProcess.start(dir, Services.freePort(), Services.freePort());
        postgres = PostgresServer.start(dir, Services.freePort());
        api = service("management-api", "management-api", apiEnvironment()).launch();
        ingest = service("event-ingest", "event-ingest", Map.of(
                "INGEST_STATE_DIR", dir.resolve("ingest-state").toString(),
                // the load generator's pace is the test's to choose, not the per-key limit's
                "PENGUIN_INGEST_RATELIMIT", "100000")).launch();
        scheduler = service("retry-scheduler", "retry-scheduler", Map.of(
                "SPRING_APPLICATION_JSON", sessionTimeout())).launch();
        dispatchers.add(dispatcher(1).launch());
        dispatchers.add(dispatcher(2).launch());
        for (ServiceProcess service : all()) {
            service.awaitReady();
        }
        System.out.println("reliability: cluster ready in " + Duration.between(started, Instant.now()).toSeconds() + " s");
    }

    /**
     * Starts again whatever a test left stopped or killed (a test that failed half-way, or one that kills and leaves
     * the restart to the next), so that each test begins with the whole cluster running.
     */
    synchronized void heal() {
        List<ServiceProcess> stopped = all().stream().filter(service -> !service.isAlive()).toList();
        stopped.forEach(ServiceProcess::launch);
        stopped.forEach(ServiceProcess::awaitReady);
    }

    /** A dispatcher with the given number (a new one, or one to start again after a kill). */
    ServiceProcess dispatcher(int number) {
        return service("dispatcher-" + number, "dispatcher", Map.of(
                "PENGUIN_SECRET_ENCRYPTION_KEY", encryptionKey,
                // the receivers are on loopback, which production refuses (SSRF guard)
                "PENGUIN_DISPATCHER_ALLOWPRIVATETARGETS", "true",
                "PENGUIN_DISPATCHER_RETRYDELAYS", RETRY_DELAYS,
                "PENGUIN_DISPATCHER_SHUTDOWNGRACE", "15s",
                // its name in every Kafka client id, so a test can tell which one owns a partition
                "SPRING_KAFKA_CLIENTID", "dispatcher-" + number,
                // an open circuit fails attempts at once, spending the delivery's retries: keep it in step with them
                "PENGUIN_DISPATCHER_ENDPOINTS_CIRCUITOPENFOR", "5s",
                "SPRING_APPLICATION_JSON", sessionTimeout()));
    }

    /** The broker notices a killed member after 6 s (its minimum), not after the default 45 s. */
    private static String sessionTimeout() {
        return "{\"spring.kafka.consumer.properties.session.timeout.ms\":6000,\"spring.kafka.consumer.properties.heartbeat.interval.ms\":1000}";
    }

    private Map<String, String> apiEnvironment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PENGUIN_SECRET_ENCRYPTION_KEY", encryptionKey);
        environment.put("DATABASE_R2DBC_URL", postgres.r2dbcUrl());
        environment.put("DATABASE_JDBC_URL", postgres.jdbcUrl());
        environment.put("DATABASE_USER", "postgres");
        environment.put("DATABASE_PASSWORD", "postgres");
        environment.put("PENGUIN_MANAGEMENT_ALLOWLOOPBACKURLS", "true");
        environment.put("PENGUIN_MANAGEMENT_BOOTSTRAP_WORKSPACEID", WORKSPACE);
        environment.put("PENGUIN_MANAGEMENT_BOOTSTRAP_WORKSPACENAME", "Reliability");
        environment.put("PENGUIN_MANAGEMENT_BOOTSTRAP_APIKEY", apiKey);
        // the highest default rate (5,000 deliveries/s): the faults, not the plan, are under test
        environment.put("PENGUIN_MANAGEMENT_BOOTSTRAP_PLAN", "enterprise");
        return environment;
    }

    private ServiceProcess service(String name, String module, Map<String, String> own) {
        Map<String, String> environment = new LinkedHashMap<>(own);
        environment.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        environment.put("PENGUIN_KAFKA_PARTITIONS", Integer.toString(PARTITIONS));
        environment.put("LOGGING_LEVEL_ROOT", "WARN");
        environment.put("LOGGING_LEVEL_ORG_SPRINGFRAMEWORK_BOOT_WEB", "INFO");
        return new ServiceProcess(name, module, environment, Services.freePort(), dir);
    }

    /** Creates the webhooks (in parallel, each answered once the dispatchers see it) and returns their ids in order. */
    List<String> createWebhooks(String run, Receivers receivers, int count) throws Exception {
        try (ExecutorService executor = Executors.newFixedThreadPool(8)) {
            List<Future<String>> created = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                created.add(executor.submit(() -> createWebhook(Map.of(
                        "name", "fault " + run + " " + index,
                        "url", receivers.url(index),
                        "events", List.of("email.clicked"),
                        "max_retries", 10,
                        "filters", Map.of("payload", Map.of("email_id", Load.emailId(run, index)))))));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> id : created) {
                ids.add(id.get());
            }
            return ids;
        }
    }

    private String createWebhook(Map<String, Object> body) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(apiUrl() + "/api/v1/platform/webhooks"))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("creating a webhook answered " + answer.statusCode() + ": " + answer.body());
        }
        return Json.mapper().readTree(answer.body()).get("id").asString();
    }

    String apiUrl() {
        return "http://127.0.0.1:" + api.port();
    }

    String ingestUrl() {
        return "http://127.0.0.1:" + ingest.port();
    }

    String apiKey() {
        return apiKey;
    }

    BrokerProcess broker() {
        return broker;
    }

    PostgresServer postgres() {
        return postgres;
    }

    ServiceProcess ingest() {
        return ingest;
    }

    ServiceProcess api() {
        return api;
    }

    ServiceProcess scheduler() {
        return scheduler;
    }

    /** The dispatchers in the group now; a test that adds or removes some puts the list back as it found it. */
    List<ServiceProcess> dispatchers() {
        return dispatchers;
    }

    /** Every service process, in the order a rolling restart takes them. */
    List<ServiceProcess> all() {
        List<ServiceProcess> all = new ArrayList<>(List.of(api, ingest, scheduler));
        all.addAll(dispatchers);
        return all;
    }

    private void close() {
        for (ServiceProcess service : all()) {
            try {
                service.kill(); // the end of the run: nothing to drain
            } catch (Exception e) {
                System.err.println("reliability: stopping " + service.name() + ": " + e);
            }
        }
        try {
            postgres.close();
            broker.close();
        } catch (Exception e) {
            System.err.println("reliability: stopping the broker or PostgreSQL: " + e);
        }
    }
}
