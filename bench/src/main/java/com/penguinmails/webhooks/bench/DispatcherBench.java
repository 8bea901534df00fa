package com.penguinmails.webhooks.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import com.penguinmails.webhooks.model.EventCategory;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Headers;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Ids;
import com.penguinmails.webhooks.model.SigningSecret;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.WebhookConfig;
import com.penguinmails.webhooks.model.signing.PenguinSignature;
import com.penguinmails.webhooks.model.signing.SecretCipher;
import com.penguinmails.webhooks.model.signing.WebhookSecrets;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.JsonNode;

/**
 * Dispatcher throughput and isolation, measured at the receivers. Run it with {@code bench/dispatcher.sh}, which
 * starts a fresh local stack first; {@code bench.jar dispatcher [--name=value ...]} runs it against a running one.
 *
 * <p>Receivers run in this JVM on loopback (Reactor Netty {@code HttpServer}, one port per endpoint, answering
 * {@code 200} with an empty body at once); each records the receipt time of every event id. In order:
 * <ol>
 * <li><b>Dispatcher</b>: one webhook per healthy endpoint, created through the management API, each with a payload
 * filter on {@code data.bench_lane} so that every event is exactly one delivery and the endpoints share the load
 * evenly. Events are produced straight to the canonical topic {@code webhooks.events.email}, as ingest writes them
 * (key and {@code pm-workspace-id} = the workspace, {@code pm-event-type}), so only the dispatcher is measured; by
 * default spread over every partition, standing for many workspaces. After an unreported warm-up, a burst (as fast as
 * the producer goes) gives throughput, then a paced phase at a fixed rate gives latency under a moderate load.</li>
 * <li><b>Raw ceiling</b>: WebClient POSTs of bodies of the same size to the same receivers from this JVM, with as many
 * in flight as the dispatcher had connections open to them at most during its burst: what loopback HTTP alone gives
 * on this machine, in the same run.</li>
 * <li><b>Isolation</b>: the dispatcher runs again with one more webhook, whose endpoint accepts connections and never
 * answers (timeout 5 s), getting 20 % of all deliveries on top of the same healthy traffic.</li>
 * </ol>
 * Every event is counted once per id (duplicates, and requests at the wrong endpoint, apart); every request must carry
 * {@code X-PenguinMails-Signature}, and one in {@value #VERIFY_EVERY} is verified (HMAC-SHA256 of the raw body with the
 * secret returned at creation). Latency runs from the moment this JVM hands the event to the Kafka producer to its
 * receipt. Throughput runs from the first event produced to the last healthy one received.
 */
public final class DispatcherBench {

    private static final String TEMPLATE = EventType.EMAIL_OPENED.exampleJson().strip();
    /** The example's data object after its opening brace: each event's data is {"bench_lane":..., + this. */
    private static final String DATA_REST = TEMPLATE.substring(TEMPLATE.indexOf("\"data\":{") + "\"data\":{".length());
    private static final byte[] ID_MARK = "\"id\":\"evt_".getBytes(StandardCharsets.UTF_8);
    private static final String TOPIC = EventCategory.EMAIL.topic();
    private static final String HANGING_LANE = "hang";
    /** One event in this many has its signature verified by the receiver (HMAC over the raw body). */
    private static final int VERIFY_EVERY = 251;
    /** Stored receipt times are offset from this so that 0 means "not received". */
    private static final long BASE = System.nanoTime() - 1;

    private final Options options;
    private final List<String> healthyLanes = new ArrayList<>();
    private final List<Receiver> healthy = new ArrayList<>();
    private Receiver hanging;
    private volatile Phase current;
    private final List<String> notes = new ArrayList<>();
    /** Connections open to the healthy endpoints now, and the most at once since the current phase started. */
    private final AtomicInteger healthyOpen = new AtomicInteger();
    private final AtomicInteger healthyPeak = new AtomicInteger();

    private DispatcherBench(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws Exception {
        new DispatcherBench(new Options(args)).run();
    }

    private void run() throws Exception {
        LoopResources loops = LoopResources.create("bench-receiver", Math.max(2, Runtime.getRuntime().availableProcessors()), true);
        List<DisposableServer> servers = new ArrayList<>();
        try {
            for (int k = 0; k < options.endpoints; k++) {
                Receiver receiver = new Receiver(k, options.receiverPort + k);
                servers.add(receiver.start(loops));
                healthy.add(receiver);
                healthyLanes.add("h" + k);
            }
            hanging = new Receiver(options.endpoints, options.receiverPort + options.endpoints);
            servers.add(hanging.startHanging(loops));
            runAll();
        } finally {
            servers.forEach(DisposableServer::disposeNow);
            loops.disposeLater().block(Duration.ofSeconds(10));
        }
    }

    private void runAll() throws Exception {
        List<Result> results = new ArrayList<>();
        // the dispatcher with healthy endpoints only
        Webhooks api = options.encryptionKey == null ? new Management(options.api, options.apiKey)
                : new ConfigTopic(options.bootstrap, options.encryptionKey, options.workspace);
        for (Receiver receiver : healthy) {
            receiver.secret = api.create("bench-h" + receiver.lane, receiver.url(), "h" + receiver.lane, 5);
        }
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2, ProducerConfig.BATCH_SIZE_CONFIG, 128 * 1024);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            int partitions = producer.partitionsFor(TOPIC).size();
            Producer events = new Producer(producer, partitions);
            burst(events, "warm-up", options.warmupEvents, 0);                      // not reported
            Result healthyBurst = burst(events, "healthy endpoints only", options.events, 0);
            results.add(healthyBurst);
            results.add(paced(events, "healthy endpoints only", 0));

            // the raw ceiling with the concurrency the dispatcher reached: as many connections as it opened at most
            int concurrency = options.rawConcurrency > 0 ? options.rawConcurrency
                    : Math.max(options.endpoints, healthyBurst.healthyConnections());
            // a pool like the dispatcher's (Reactor Netty's default: 500 connections per host:port), closed afterwards so
            // that its connections do not count as the dispatcher's in the next run
            ConnectionProvider pool = ConnectionProvider.create("bench-raw", 500);
            WebClient raw = WebClient.builder().clientConnector(new ReactorClientHttpConnector(
                    HttpClient.create(pool).followRedirect(false))).build();
            rawRound(raw, options.rawRequests / 5, concurrency);                  // not reported
            Result ceiling = rawRound(raw, options.rawRequests, concurrency);
            pool.disposeLater().block(Duration.ofSeconds(10));

            // isolation: one more webhook, whose endpoint never answers, gets hangingShare of all deliveries
            hanging.secret = api.create("bench-hanging", hanging.url(), HANGING_LANE, options.hangingTimeoutSeconds);
            results.add(burst(events, "+ hanging endpoint", options.events, options.hangingShare));
            results.add(paced(events, "+ hanging endpoint", options.hangingShare));
            print(ceiling, concurrency, results);
        }
    }

    // ---------------------------------------------------------------------------------------------------- phases

    private Result rawRound(WebClient client, int requests, int concurrency) {
        awaitQuiet("raw WebClient");
        Phase phase = new Phase("raw WebClient", requests, laneIndexes(requests, 0), false);
        String[] urls = healthy.stream().map(Receiver::url).toArray(String[]::new);
        current = phase;
        Usage.Start usage = Usage.start();
        phase.start = System.nanoTime();
        Flux.range(0, requests)
                .flatMap(i -> Mono.defer(() -> {
                    phase.producedAt.set(i, System.nanoTime() - BASE);
                    return client.post().uri(urls[phase.lane[i]]).contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(event(phase.tag, i, "h" + phase.lane[i])).retrieve().toBodilessEntity();
                }), concurrency)
                .blockLast(Duration.ofMinutes(10));
        awaitHealthy(phase);
        return phase.result(usage.stop(), null);
    }

    private Result burst(Producer producer, String run, int healthyEvents, double hangingShare) {
        awaitQuiet(run);
        byte[] lanes = laneIndexes(healthyEvents, hangingShare);
        Phase phase = new Phase(run, lanes.length, lanes, true);
        current = phase;
        Usage.Start usage = Usage.start();
        phase.start = System.nanoTime();
        for (int i = 0; i < lanes.length; i++) {
            producer.send(phase, i);
        }
        producer.flush();
        phase.produced = System.nanoTime();
        awaitHealthy(phase);
        return phase.result(usage.stop(), "burst");
    }

    /** Healthy deliveries at {@code pacedRate} per second for {@code pacedSeconds}, hanging ones on top. */
    private Result paced(Producer producer, String run, double hangingShare) {
        int healthyEvents = options.pacedRate * options.pacedSeconds;
        awaitQuiet(run);
        byte[] lanes = laneIndexes(healthyEvents, hangingShare);
        Phase phase = new Phase(run, lanes.length, lanes, true);
        current = phase;
        double nanosPerEvent = options.pacedSeconds * 1e9 / lanes.length;
        Usage.Start usage = Usage.start();
        phase.start = System.nanoTime();
        for (int i = 0; i < lanes.length; i++) {
            long due = phase.start + (long) (i * nanosPerEvent);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            producer.send(phase, i);
        }
        producer.flush();
        phase.produced = System.nanoTime();
        awaitHealthy(phase);
        return phase.result(usage.stop(), String.format("paced, %,d/s", options.pacedRate));
    }

    /**
     * Lets the previous phase's tail (the delivery log's writes, hand-offs) pass before a phase starts: waits until the
     * machine is less than 30 % busy over a second, for at most {@code quiet-seconds}.
     */
    private void awaitQuiet(String run) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(options.quietSeconds);
        double busy = Double.NaN;
        while (System.nanoTime() < deadline) {
            Usage.Start start = Usage.start();
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            busy = start.stop().machineBusy();
            if (!(busy >= 0.3)) {
                return;
            }
        }
        notes.add(String.format("the machine was still %.0f %% busy when \"%s\" started (waited %d s)", busy * 100, run, options.quietSeconds));
    }

    /** Waits until every healthy delivery of the phase arrived, or none arrived for {@code settle-seconds}. */
    private void awaitHealthy(Phase phase) {
        long lastProgress = System.nanoTime();
        long seen = -1;
        while (phase.received.sum() < phase.healthyExpected) {
            long now = phase.received.sum();
            if (now != seen) {
                seen = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > TimeUnit.SECONDS.toNanos(options.settleSeconds)) {
                System.err.printf("%s: %,d of %,d healthy deliveries arrived; none for %d s, giving up%n",
                        phase.run, now, phase.healthyExpected, options.settleSeconds);
                break;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        phase.done = System.nanoTime();
    }

    /**
     * The lane of every event: healthy lanes in turn, and with a hanging share every n-th event to the hanging lane on
     * top of {@code healthyEvents}, so that it gets that share of all deliveries and the healthy work stays the same.
     */
    private byte[] laneIndexes(int healthyEvents, double hangingShare) {
        int every = hangingShare > 0 ? (int) Math.round(1 / hangingShare) : 0;
        int total = every > 0 ? healthyEvents + healthyEvents / (every - 1) : healthyEvents;
        byte[] lanes = new byte[total];
        int next = 0;
        for (int i = 0; i < total; i++) {
            lanes[i] = every > 0 && i % every == every - 1 ? (byte) options.endpoints : (byte) (next++ % options.endpoints);
        }
        return lanes;
    }

    private static byte[] event(String tag, int i, String lane) {
        return ("{\"id\":\"evt_" + tag + "_" + i + "\",\"type\":\"email.opened\",\"created_at\":\"" + Instant.now()
                + "\",\"data\":{\"bench_lane\":\"" + lane + "\"," + DATA_REST).getBytes(StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------------------------------------------- output

    private void print(Result ceiling, int concurrency, List<Result> results) {
        System.out.println();
        System.out.println("| what | requests | concurrency | seconds (first request → last receipt) | requests/s | p50 ms | p99 ms | machine busy | bench JVM |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        System.out.printf("| raw WebClient → %d loopback receivers | %,d | %d | %.1f | **%,.0f** | %.1f | %.1f | %.0f %% | %.2f cores |%n",
                options.endpoints, ceiling.received, concurrency, ceiling.seconds, ceiling.perSecond,
                ceiling.p50, ceiling.p99, ceiling.usage.machineBusy * 100, ceiling.usage.benchCores);
        System.out.println();
        System.out.println("| run | phase | events | healthy deliveries received / expected | duplicates | seconds (produce start → last healthy receipt) | healthy deliveries/s | of raw ceiling | p50 ms | p99 ms | max ms | connections to healthy endpoints | hanging endpoint: requests, most open at once | machine busy | bench JVM |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Result r : results) {
            boolean burst = r.mode.equals("burst");
            System.out.printf("| %s | %s | %,d | %,d / %,d | %,d | %.1f | %s | %s | %.1f | %.1f | %.1f | %d | %s | %.0f %% | %.2f cores |%n",
                    r.run, r.mode, r.events, r.received, r.expected, r.duplicates, r.seconds,
                    String.format(burst ? "**%,.0f**" : "%,.0f", r.perSecond),
                    burst ? String.format("%.0f %%", 100 * r.perSecond / ceiling.perSecond) : "–",
                    r.p50, r.p99, r.max, r.healthyConnections,
                    r.run.startsWith("healthy") ? "–" : String.format("%,d, %,d", r.hangingRequests, r.hangingPeakOpen),
                    r.usage.machineBusy * 100, r.usage.benchCores);
        }
        System.out.println();
        long verified = results.stream().mapToLong(r -> r.verified).sum();
        long bad = results.stream().mapToLong(r -> r.badSignatures).sum();
        long unsigned = results.stream().mapToLong(r -> r.unsigned).sum();
        long misrouted = results.stream().mapToLong(r -> r.misrouted).sum();
        long stray = results.stream().mapToLong(r -> r.stray).sum();
        System.out.printf("checks: %,d sampled X-PenguinMails-Signature headers verified (HMAC-SHA256 of the raw body), %,d bad; "
                + "%,d requests without a signature; %,d at the wrong endpoint; %,d from an earlier phase%n",
                verified, bad, unsigned, misrouted, stray);
        notes.forEach(note -> System.out.println("note: " + note));
        System.out.println("healthy deliveries/s in 5 s windows from each phase's start:");
        for (Result r : results) {
            System.out.printf("- %s, %s: %s%n", r.run, r.mode, r.timeline);
        }
        Result healthyBurst = results.get(0);
        Result isolatedBurst = results.get(2);
        double isolation = isolatedBurst.perSecond / healthyBurst.perSecond;
        System.out.printf("isolation: healthy deliveries/s with %.0f %% of deliveries to a hanging endpoint: %,.0f = %.0f %% of %,.0f without "
                + "(paced: p50 %.1f ms vs %.1f ms, p99 %.1f ms vs %.1f ms)%n",
                options.hangingShare * 100, isolatedBurst.perSecond, 100 * isolation, healthyBurst.perSecond,
                results.get(3).p50, results.get(1).p50, results.get(3).p99, results.get(1).p99);
        System.out.printf("targets: >= 3,000 signed deliveries/s: %s (%,.0f); >= 70 %% of the raw ceiling: %s (%.0f %%); "
                + ">= 90 %% kept next to a hanging endpoint: %s (%.0f %%)%n",
                healthyBurst.perSecond >= 3000 ? "met" : "NOT met", healthyBurst.perSecond,
                healthyBurst.perSecond >= 0.7 * ceiling.perSecond ? "met" : "NOT met", 100 * healthyBurst.perSecond / ceiling.perSecond,
                isolation >= 0.9 ? "met" : "NOT met", 100 * isolation);
    }

    // ---------------------------------------------------------------------------------------------------- parts

    /** Options as {@code --name=value}. */
    static final class Options {
        final String bootstrap;
        final String api;
        final String apiKey;
        final String workspace;
        final int endpoints;
        final int receiverPort;
        final int events;
        final int warmupEvents;
        final int pacedRate;
        final int pacedSeconds;
        final int rawRequests;
        final int rawConcurrency;
        final double hangingShare;
        final int hangingTimeoutSeconds;
        final int settleSeconds;
        final int quietSeconds;
        final boolean spread;
        /** The stack's secret encryption key: webhooks go straight to the config topic, no management-api needed. */
        final String encryptionKey;

        Options(String[] args) {
            Map<String, String> o = Bench.strictOptions(args);
            bootstrap = o.getOrDefault("bootstrap", "127.0.0.1:19092");
            api = o.getOrDefault("api", "http://localhost:18080");
            apiKey = o.getOrDefault("api-key", "pm_bench_key");
            workspace = o.getOrDefault("workspace", "ws_demo");
            endpoints = Integer.parseInt(o.getOrDefault("endpoints", "4"));
            receiverPort = Integer.parseInt(o.getOrDefault("receiver-port", "18090"));
            events = Integer.parseInt(o.getOrDefault("events", "100000"));
            warmupEvents = Integer.parseInt(o.getOrDefault("warmup-events", "20000"));
            pacedRate = Integer.parseInt(o.getOrDefault("paced-rate", "1000"));
            pacedSeconds = Integer.parseInt(o.getOrDefault("paced-seconds", "20"));
            rawRequests = Integer.parseInt(o.getOrDefault("raw-requests", "200000"));
            // 0: as many as the dispatcher had connections open to the healthy endpoints in its burst
            rawConcurrency = Integer.parseInt(o.getOrDefault("raw-concurrency", "0"));
            hangingShare = Double.parseDouble(o.getOrDefault("hanging-share", "0.2"));
            hangingTimeoutSeconds = Integer.parseInt(o.getOrDefault("hanging-timeout", "5"));
            settleSeconds = Integer.parseInt(o.getOrDefault("settle-seconds", "90"));
            quietSeconds = Integer.parseInt(o.getOrDefault("quiet-seconds", "60"));
            spread = !"key".equals(o.getOrDefault("partitioning", "spread"));
            encryptionKey = o.get("encryption-key");
            for (String name : o.keySet()) {
                if (!List.of("bootstrap", "api", "api-key", "workspace", "endpoints", "receiver-port", "events",
                        "warmup-events", "paced-rate", "paced-seconds", "raw-requests", "raw-concurrency", "hanging-share",
                        "hanging-timeout", "settle-seconds", "quiet-seconds", "partitioning", "encryption-key").contains(name)) {
                    throw new IllegalArgumentException("unknown option --" + name);
                }
            }
            if (endpoints < 1 || endpoints > 100 || hangingShare <= 0 || hangingShare >= 1) {
                throw new IllegalArgumentException("need 1-100 endpoints and a hanging share between 0 and 1");
            }
        }
    }

    /** Produces events straight to the canonical topic, as ingest writes them: key and header = workspace, type header. */
    private final class Producer {
        private final KafkaProducer<String, byte[]> producer;
        private final int partitions;
        private final byte[] workspace = options.workspace.getBytes(StandardCharsets.UTF_8);
        private final byte[] type = EventType.EMAIL_OPENED.typeName().getBytes(StandardCharsets.UTF_8);

        Producer(KafkaProducer<String, byte[]> producer, int partitions) {
            this.producer = producer;
            this.partitions = partitions;
        }

        void send(Phase phase, int i) {
            byte[] value = event(phase.tag, i, phase.laneName(i));
            RecordHeaders headers = new RecordHeaders();
            headers.add(Headers.KAFKA_WORKSPACE_ID, workspace);
            headers.add(Headers.KAFKA_EVENT_TYPE, type);
            // spread: events of one workspace over every partition, standing for many workspaces; key: one partition
            Integer partition = options.spread ? i % partitions : null;
            phase.producedAt.set(i, System.nanoTime() - BASE);
            producer.send(new ProducerRecord<>(TOPIC, partition, options.workspace, value, headers), (metadata, e) -> {
                if (e != null) {
                    phase.produceErrors.increment();
                }
            });
        }

        void flush() {
            producer.flush();
        }
    }

    /** One measured round: what was sent, and what each receiver saw of it. */
    private final class Phase {
        final String run;
        final String tag = UUID.randomUUID().toString().substring(0, 8);
        final byte[] tagBytes = tag.getBytes(StandardCharsets.UTF_8);
        final byte[] lane;
        final boolean signed;
        final int healthyExpected;
        final AtomicLongArray producedAt;
        final AtomicLongArray receivedAt;
        final LongAdder received = new LongAdder();
        final LongAdder duplicates = new LongAdder();
        final LongAdder misrouted = new LongAdder();
        final LongAdder unsigned = new LongAdder();
        final LongAdder verified = new LongAdder();
        final LongAdder badSignatures = new LongAdder();
        final LongAdder stray = new LongAdder();
        final LongAdder produceErrors = new LongAdder();
        final long hangingBefore = hanging.requests.sum();
        volatile long start;
        volatile long produced;
        volatile long done;

        Phase(String run, int events, byte[] lane, boolean signed) {
            this.run = run;
            this.lane = lane;
            this.signed = signed;
            int count = 0;
            for (byte l : lane) {
                count += l < options.endpoints ? 1 : 0;
            }
            this.healthyExpected = count;
            this.producedAt = new AtomicLongArray(events);
            this.receivedAt = new AtomicLongArray(events);
            hanging.peakOpen.set(hanging.open.get());
            healthyPeak.set(healthyOpen.get());
            System.err.printf("bench: %s: %s, %,d events%n", Instant.now(), run, events);
        }

        String laneName(int i) {
            return lane[i] < options.endpoints ? healthyLanes.get(lane[i]) : HANGING_LANE;
        }

        Result result(Usage usage, String mode) {
            System.err.printf("bench: %s %s: %,d of %,d healthy deliveries in %.1f s (events produced in %.1f s)%n", run,
                    mode == null ? "" : mode, received.sum(), healthyExpected, (done - start) / 1e9,
                    produced == 0 ? 0 : (produced - start) / 1e9);
            Histogram latency = new Histogram(TimeUnit.HOURS.toMicros(1), 3);
            long last = 0;
            for (int i = 0; i < lane.length; i++) {
                long at = receivedAt.get(i);
                if (at != 0 && lane[i] < options.endpoints) {
                    last = Math.max(last, at);
                    latency.recordValue(Math.max(0, at - producedAt.get(i)) / 1_000);
                }
            }
            double seconds = last == 0 ? Double.NaN : (last + BASE - start) / 1e9;
            // deliveries per second in 5 s windows from the phase's start, to see where the rate changes
            int[] windows = new int[Math.max(1, (int) Math.ceil(seconds / 5))];
            for (int i = 0; i < lane.length; i++) {
                long at = receivedAt.get(i);
                if (at != 0 && lane[i] < options.endpoints) {
                    windows[(int) Math.min(windows.length - 1, Math.max(0, (at + BASE - start) / 5_000_000_000L))]++;
                }
            }
            StringBuilder timeline = new StringBuilder();
            for (int count : windows) {
                timeline.append(timeline.isEmpty() ? "" : " ").append(String.format("%,d", count / 5));
            }
            if (produceErrors.sum() > 0) {
                System.err.printf("%s: %,d events could not be produced%n", run, produceErrors.sum());
            }
            return new Result(run, mode == null ? "" : mode, lane.length, received.sum(), healthyExpected,
                    duplicates.sum(), seconds, received.sum() / seconds,
                    latency.getValueAtPercentile(50) / 1e3, latency.getValueAtPercentile(99) / 1e3, latency.getMaxValue() / 1e3,
                    healthyPeak.get(), hanging.requests.sum() - hangingBefore, hanging.peakOpen.get(), verified.sum(), badSignatures.sum(),
                    unsigned.sum(), misrouted.sum(), stray.sum(), usage, timeline.toString());
        }
    }

    record Result(String run, String mode, int events, long received, long expected, long duplicates, double seconds,
                  double perSecond, double p50, double p99, double max, int healthyConnections, long hangingRequests, long hangingPeakOpen,
                  long verified, long badSignatures, long unsigned, long misrouted, long stray, Usage usage, String timeline) {
    }

    /** An endpoint on 127.0.0.1: a healthy one records every event, the hanging one never answers. */
    private final class Receiver {
        final int lane;
        final int port;
        volatile String secret;
        final LongAdder requests = new LongAdder();
        final AtomicInteger open = new AtomicInteger();
        final AtomicInteger peakOpen = new AtomicInteger();

        Receiver(int lane, int port) {
            this.lane = lane;
            this.port = port;
        }

        String url() {
            return "http://127.0.0.1:" + port + "/" + (lane < options.endpoints ? "h" + lane : HANGING_LANE);
        }

        DisposableServer start(LoopResources loops) {
            return HttpServer.create().host("127.0.0.1").port(port).runOn(loops)
                    .doOnChannelInit((observer, channel, remote) -> {
                        healthyPeak.accumulateAndGet(healthyOpen.incrementAndGet(), Math::max);
                        channel.closeFuture().addListener(closed -> healthyOpen.decrementAndGet());
                    })
                    .handle((request, response) -> request.receive().aggregate().asByteArray()
                            .defaultIfEmpty(new byte[0])
                            .flatMap(body -> {
                                received(request, body);
                                return response.status(200).send().then();
                            }))
                    .bindNow();
        }

        /** Accepts the connection and the request, and never answers; the client gives up after its timeout. */
        DisposableServer startHanging(LoopResources loops) {
            return HttpServer.create().host("127.0.0.1").port(port).runOn(loops)
                    .handle((request, response) -> {
                        requests.increment();
                        peakOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                        return Mono.<Void>never().doFinally(signal -> open.decrementAndGet());
                    })
                    .bindNow();
        }

        private void received(HttpServerRequest request, byte[] body) {
            long now = System.nanoTime() - BASE;
            requests.increment();
            Phase phase = current;
            int at = indexOf(body, ID_MARK);
            int tagAt = at + ID_MARK.length;
            if (phase == null || at < 0 || body.length < tagAt + phase.tagBytes.length + 2
                    || !java.util.Arrays.equals(body, tagAt, tagAt + phase.tagBytes.length, phase.tagBytes, 0, phase.tagBytes.length)) {
                if (phase != null) {
                    phase.stray.increment();
                }
                return;
            }
            int i = 0;
            for (int p = tagAt + phase.tagBytes.length + 1; p < body.length && body[p] != '"'; p++) {
                i = i * 10 + (body[p] - '0');
            }
            if (i < 0 || i >= phase.lane.length) {
                phase.stray.increment();
                return;
            }
            if (phase.lane[i] != lane) {
                phase.misrouted.increment();
            }
            if (phase.receivedAt.compareAndSet(i, 0, now)) {
                phase.received.increment();
            } else {
                phase.duplicates.increment();
            }
            if (phase.signed) {
                String signature = request.requestHeaders().get(Headers.SIGNATURE);
                if (signature == null) {
                    phase.unsigned.increment();
                } else if (i % VERIFY_EVERY == 0) {
                    if (PenguinSignature.verify(secret, body, signature)) {
                        phase.verified.increment();
                    } else {
                        phase.badSignatures.increment();
                    }
                }
            }
        }
    }

    private static int indexOf(byte[] body, byte[] mark) {
        outer:
        for (int i = 0; i <= body.length - mark.length; i++) {
            for (int j = 0; j < mark.length; j++) {
                if (body[i + j] != mark[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Creates a webhook whose payload filter takes the events of one lane; returns its signing secret. */
    private interface Webhooks {
        String create(String name, String url, String lane, int timeoutSeconds) throws Exception;
    }

    /** Creates webhooks through {@code POST /api/v1/platform/webhooks}; returns the secret, shown only then. */
    private record Management(String api, String apiKey) implements Webhooks {

        @Override
        public String create(String name, String url, String lane, int timeoutSeconds) throws Exception {
            String body = "{\"name\":\"" + name + "\",\"url\":\"" + url + "\",\"events\":[\"email.opened\"],"
                    + "\"timeout_seconds\":" + timeoutSeconds + ",\"filters\":{\"payload\":{\"bench_lane\":\"" + lane + "\"}}}";
            HttpRequest request = HttpRequest.newBuilder(URI.create(api + "/api/v1/platform/webhooks"))
                    .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 201) {
                    throw new IllegalStateException("creating webhook " + name + ": HTTP " + response.statusCode() + ": " + response.body());
                }
                JsonNode webhook = Json.mapper().readTree(response.body());
                return webhook.get("secret").asString();
            }
        }
    }

    /**
     * Without management-api (the dispatcher alone): publishes the webhook's config on {@code webhooks.config} as
     * management-api's outbox does, its secret encrypted with the stack's key; returns the secret.
     */
    private record ConfigTopic(String bootstrap, String encryptionKey, String workspace) implements Webhooks {

        @Override
        public String create(String name, String url, String lane, int timeoutSeconds) throws Exception {
            String secret = WebhookSecrets.generate();
            WebhookConfig webhook = new WebhookConfig(Ids.newWebhookId(), workspace, url, List.of("email.opened"),
                    WebhookConfig.STATUS_ACTIVE, timeoutSeconds * 1000L, 6, WebhookConfig.FLAVOR_PLATFORM,
                    List.of(new SigningSecret(new SecretCipher(encryptionKey).encrypt(secret), null)),
                    Json.mapper().readTree("{\"payload\":{\"bench_lane\":\"" + lane + "\"}}"), "enterprise", null);
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    bootstrap, ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(Topics.CONFIG, webhook.id(), Json.write(webhook))).get();
            }
            Thread.sleep(2000); // the dispatcher's index reads the config topic continuously; give it a moment
            return secret;
        }
    }

    /** CPU use over a phase: the whole machine's (from /proc/stat) and this JVM's, in cores. */
    record Usage(double machineBusy, double benchCores) {

        static Start start() {
            return new Start(System.nanoTime(), machineTicks(), processCpuNanos());
        }

        record Start(long wall, long[] ticks, long cpu) {
            Usage stop() {
                long[] now = machineTicks();
                double busy = now == null || ticks == null || now[0] == ticks[0] ? Double.NaN
                        : 1 - (double) (now[1] - ticks[1]) / (now[0] - ticks[0]);
                return new Usage(busy, (processCpuNanos() - cpu) / (double) (System.nanoTime() - wall));
            }
        }

        private static long[] machineTicks() {
            return com.penguinmails.webhooks.bench.suite.MachineUsage.ticks();
        }

        private static long processCpuNanos() {
            return ManagementFactory.getPlatformMXBean(com.sun.management.OperatingSystemMXBean.class).getProcessCpuTime();
        }
    }
}
