package com.penguinmails.webhooks.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Topics;

/**
 * Ingest throughput, measured from outside: events produced to {@code webhooks.inbound.v1} (the Kafka path) and
 * posted in batches to {@code POST /api/v1/events} (the HTTP path), each counted until it is in a canonical event
 * topic (read_committed). Prints a Markdown table row per path. Run it with {@code bench/run.sh}.
 */
public final class Bench {

    /** The spec's email.opened example, read once: it is the template of every generated event. */
    private static final String TEMPLATE = EventType.EMAIL_OPENED.exampleJson().strip();

    private Bench() {
    }

    /** {@code bench.jar [options]}: ingest throughput; {@code bench.jar dispatcher [options]}: {@link DispatcherBench}; {@code bench.jar stats [options]}: {@link StatsBench}. */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("dispatcher")) {
            DispatcherBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("suite")) {
            com.penguinmails.webhooks.bench.suite.SuiteBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("stats")) {
            StatsBench.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        Map<String, String> options = options(args);
        String bootstrap = options.getOrDefault("bootstrap", "127.0.0.1:19092");
        String ingest = options.getOrDefault("ingest", "http://localhost:18081");
        String apiKey = options.getOrDefault("api-key", "pm_bench_key");
        int kafkaEvents = Integer.parseInt(options.getOrDefault("kafka-events", "600000"));
        int httpEvents = Integer.parseInt(options.getOrDefault("http-events", "200000"));
        int httpConcurrency = Integer.parseInt(options.getOrDefault("http-concurrency", "8"));
        int batch = 500;

        try (CanonicalCounter counter = new CanonicalCounter(bootstrap)) {
            counter.warmUp();
            // warm-up round, not reported: JIT, connections, first transactions
            kafkaPath(bootstrap, "ws_bench_warmup", 20_000, counter);
            httpPath(ingest, apiKey, 10_000, batch, httpConcurrency, counter);

            System.out.println("| path | events | seconds to accept | accepted events/s | seconds until all canonical | end-to-end events/s |");
            System.out.println("|---|---|---|---|---|---|");
            System.out.println(kafkaPath(bootstrap, "ws_bench_" + UUID.randomUUID().toString().substring(0, 8), kafkaEvents, counter));
            System.out.println(httpPath(ingest, apiKey, httpEvents, batch, httpConcurrency, counter));
        }
    }

    private static String kafkaPath(String bootstrap, String workspace, int events, CanonicalCounter counter) throws Exception {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        long base = counter.count(runId);
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < events; i++) {
                producer.send(new ProducerRecord<>(Topics.INBOUND, workspace, event(runId, i)));
            }
            producer.flush();
        }
        double accepted = seconds(start);
        counter.awaitCount(runId, base + events, Duration.ofMinutes(10));
        double total = seconds(start);
        return row("Kafka (`webhooks.inbound.v1`)", events, accepted, total);
    }

    private static String httpPath(String ingest, String apiKey, int events, int batch, int concurrency,
                                   CanonicalCounter counter) throws Exception {
        String runId = UUID.randomUUID().toString().substring(0, 8);
        long base = counter.count(runId);
        List<byte[]> bodies = new ArrayList<>();
        for (int first = 0; first < events; first += batch) {
            StringBuilder body = new StringBuilder("[");
            for (int i = first; i < Math.min(events, first + batch); i++) {
                body.append(i == first ? "" : ",").append(new String(event(runId, i), StandardCharsets.UTF_8));
            }
            bodies.add(body.append(']').toString().getBytes(StandardCharsets.UTF_8));
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicLong next = new AtomicLong();
        long start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(concurrency)) {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < concurrency; w++) {
                workers.add(pool.submit(() -> {
                    for (int b = (int) next.getAndIncrement(); b < bodies.size(); b = (int) next.getAndIncrement()) {
                        HttpRequest request = HttpRequest.newBuilder(URI.create(ingest + "/api/v1/events"))
                                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(b))).build();
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        if (response.statusCode() != 202) {
                            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
        }
        double accepted = seconds(start);
        counter.awaitCount(runId, base + events, Duration.ofMinutes(10));
        double total = seconds(start);
        return row("HTTP (`POST /api/v1/events`, batches of " + batch + ", " + concurrency + " concurrent)", events, accepted, total);
    }

    /** An email.opened event as spec 002 shows it, with a unique id; the run id is in {@code data.bench_run}. */
    private static byte[] event(String runId, int i) {
        return TEMPLATE.replace("\"evt_abc123\"", "\"evt_b" + runId + "_" + i + "\"")
                .replace("\"email_id\":", "\"bench_run\":\"" + runId + "\",\"email_id\":")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String row(String path, int events, double accepted, double total) {
        return String.format("| %s | %,d | %.1f | %,.0f | %.1f | %,.0f |", path, events, accepted, events / accepted, total, events / total);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Options as {@code --name=value}; anything else is refused (the dispatcher and scheduler benches). */
    public static Map<String, String> strictOptions(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("unknown argument " + arg + "; options are --name=value");
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        return options;
    }

    /** Counts canonical events per bench run id, from a read_committed consumer on all event topics. */
    static final class CanonicalCounter implements AutoCloseable {

        private final KafkaConsumer<String, byte[]> consumer;
        private final Map<String, Long> counts = new HashMap<>();

        CanonicalCounter(String bootstrap) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000), new StringDeserializer(), new ByteArrayDeserializer());
            consumer.subscribe(Topics.eventTopics());
        }

        void warmUp() {
            long until = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (consumer.assignment().isEmpty() && System.nanoTime() < until) {
                consumer.poll(Duration.ofMillis(200));
            }
        }

        long count(String runId) {
            return counts.getOrDefault(runId, 0L);
        }

        void awaitCount(String runId, long expected, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (count(runId) < expected) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + count(runId) + " of " + expected + " events arrived in " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    String value = new String(record.value(), StandardCharsets.UTF_8);
                    int at = value.indexOf("\"bench_run\":\"");
                    if (at >= 0) {
                        String id = value.substring(at + 13, at + 21);
                        counts.merge(id, 1L, Long::sum);
                    }
                }
            }
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
