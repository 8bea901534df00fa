package com.penguinmails.webhooks.bench.suite;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import com.penguinmails.webhooks.bench.Bench;
import com.penguinmails.webhooks.model.signing.WebhookSecrets;

/**
 * The benchmark suite of issue #11, against a running stack without its own dispatcher (bench/suite.sh starts it):
 * ceiling, throughput, latency at a fixed load, isolation, fan-out, scale-out and memory, in that order, each with
 * fresh workspaces and webhooks, then a Markdown report and PNG charts in {@code --out}. Dispatchers run as processes
 * of their own ({@link Dispatchers}); events go through ingest ({@link Load}).
 */
public final class SuiteBench {

    static final List<String> ALL = List.of("ceiling", "throughput", "latency", "isolation", "fanout", "scaleout", "memory");

    private final Map<String, String> options;
    private final int seconds;
    private final int warmup;
    private final int inFlight;
    private final String secret = WebhookSecrets.generate();
    private final List<Result> results = new ArrayList<>();
    private final Map<String, String> memory = new LinkedHashMap<>();
    private final List<double[]> memorySamples = new ArrayList<>();
    private Receivers receivers;
    private Dispatchers dispatchers;
    private Load load;
    private ConfigWriter config;

    private SuiteBench(Map<String, String> options) {
        this.options = options;
        this.seconds = Integer.parseInt(options.getOrDefault("seconds", "60"));
        this.warmup = Integer.parseInt(options.getOrDefault("warmup", "15"));
        this.inFlight = Integer.parseInt(options.getOrDefault("in-flight", "8000"));
    }

    public static void main(String[] args) throws Exception {
        new SuiteBench(Bench.strictOptions(args)).run();
    }

    private void run() throws Exception {
        String bootstrap = required("bootstrap");
        List<String> scenarios = Arrays.asList(options.getOrDefault("scenarios", String.join(",", ALL)).split(","));
        Path out = Path.of(required("out"));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("PENGUIN_SECRET_ENCRYPTION_KEY", required("encryption-key"));
        env.put("PENGUIN_KAFKA_PARTITIONS", options.getOrDefault("partitions", "12"));
        env.put("PENGUIN_DISPATCHER_ALLOWPRIVATETARGETS", "true");
        // the bench measures the dispatcher, not the plans' per-workspace rates
        env.put("PENGUIN_DISPATCHER_RATELIMITS_PLANS_ENTERPRISE", "100000000");
        env.put("PENGUIN_DISPATCHER_RATELIMITS_PLANS_STANDARD", "100000000");
        // more settings for the dispatchers, NAME=value;NAME=value (e.g. shorter retry delays with failing receivers)
        for (String setting : options.getOrDefault("dispatcher-env", "").split(";")) {
            if (!setting.isBlank()) {
                env.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
            }
        }
        List<String> jvm = Arrays.asList(options.getOrDefault("dispatcher-jvm", "-Xmx384m -XX:+ExitOnOutOfMemoryError").split(" "));
        Duration receiverDelay = Duration.ofMillis(Long.parseLong(options.getOrDefault("receiver-delay-ms", "0")));
        double failureRate = Double.parseDouble(options.getOrDefault("receiver-failure-rate", "0"));
        if (failureRate < 0 || failureRate >= 1) {
            throw new IllegalArgumentException("--receiver-failure-rate must be at least 0 and below 1");
        }
        try (Receivers receivers = new Receivers(Integer.parseInt(options.getOrDefault("receiver-port", "27090")), 4,
                receiverDelay, failureRate);
             Dispatchers dispatchers = new Dispatchers(options.getOrDefault("java", ProcessHandle.current().info().command().orElseThrow()),
                     Path.of(required("dispatcher-jar")), env, Integer.parseInt(options.getOrDefault("dispatcher-port", "27082")), jvm);
             Load load = new Load(bootstrap);
             ConfigWriter config = new ConfigWriter(bootstrap, env.get("PENGUIN_SECRET_ENCRYPTION_KEY"), secret)) {
            this.receivers = receivers;
            this.dispatchers = dispatchers;
            this.load = load;
            this.config = config;
            dispatchers.scaleTo(1);
            // JIT, connections, RocksDB, the first transactions: a round of the throughput scenario that is not reported
            int warmUpSeconds = Integer.parseInt(options.getOrDefault("warm-up-round", "30"));
            if (warmUpSeconds > 0) {
                log("warm-up round, " + warmUpSeconds + " s, not reported");
                deliveries("warm-up", 48, 1, 0, 0, 0, warmUpSeconds);
            }
            for (String scenario : scenarios) {
                log("scenario " + scenario);
                switch (scenario) {
                    case "ceiling" -> results.add(ceiling());
                    case "throughput" -> results.add(deliveries("throughput", 48, 1, 0, 0));
                    case "latency" -> {
                        try (CanonicalProbe probe = new CanonicalProbe(bootstrap, receivers)) {
                            Result latency = deliveries("latency", 48, 1, Integer.parseInt(options.getOrDefault("rate", "1000")), 0);
                            org.HdrHistogram.Histogram ingest = probe.latency();
                            results.add(new Result(latency.scenario(), latency.offered(), latency.events(), latency.expected(),
                                    latency.received(), latency.duplicates(), latency.windowSeconds(), latency.perSecond(),
                                    latency.latency(), latency.machineBusy(), latency.timeline(), latency.note() + String.format(
                                            "; of which submission → visible in the event topic (ingest): p50 %.1f ms, p99 %.1f ms",
                                            ingest.getValueAtPercentile(50) / 1000.0, ingest.getValueAtPercentile(99) / 1000.0)));
                        }
                    }
                    case "isolation" -> {
                        results.add(deliveries("isolation (max load)", 48, 1, 0, 0.2));
                        results.add(deliveries("isolation (1,000/s)", 48, 1, Integer.parseInt(options.getOrDefault("rate", "1000")), 0.2));
                    }
                    case "fanout" -> {
                        results.add(deliveries("fan-out: 1 event → 100 webhooks", 1, 100, 30, 0));
                        results.add(deliveries("fan-out: 10,000 webhooks in 1,000 workspaces", 1000, 10, 250, 0));
                    }
                    case "scaleout" -> {
                        for (int n = 1; n <= 3; n++) {
                            dispatchers.scaleTo(n);
                            results.add(deliveries("scale-out: " + n + " dispatcher" + (n > 1 ? "s" : ""), 48, 1, 0, 0));
                        }
                        dispatchers.scaleTo(1);
                    }
                    case "memory" -> memory();
                    default -> throw new IllegalArgumentException("unknown scenario " + scenario + "; scenarios: " + ALL);
                }
            }
        }
        SuiteReport.write(out, options, results, memory, memorySamples);
        log("report written to " + out.resolve("report.md"));
    }

    /** Scenario 1: raw signed-size POSTs to the same receivers with WebClient, no Kafka: the reference for the ratio. */
    private Result ceiling() {
        int concurrency = Integer.parseInt(options.getOrDefault("ceiling-concurrency", "64"));
        Run run = new Run("ceiling", 1, 8_000_000, null);
        receivers.current = run;
        ConnectionProvider pool = ConnectionProvider.create("bench-ceiling", 500);
        WebClient client = WebClient.builder().clientConnector(new ReactorClientHttpConnector(HttpClient.create(pool))).build();
        long start = System.nanoTime();
        long windowStart = start + TimeUnit.SECONDS.toNanos(warmup);
        long end = windowStart + TimeUnit.SECONDS.toNanos(seconds);
        MachineUsage[] usage = new MachineUsage[1];
        Flux.range(0, run.capacity)
                .takeWhile(i -> System.nanoTime() < end)
                .doOnNext(i -> {
                    if (usage[0] == null && System.nanoTime() >= windowStart) {
                        run.windowFrom = Clocks.epochMicros();
                        usage[0] = MachineUsage.start();
                    }
                })
                .flatMap(i -> client.post().uri(receivers.healthyUrl(i, 0)).header("Content-Type", "application/json")
                        .bodyValue(rawEvent(run, i)).retrieve().toBodilessEntity().onErrorComplete(), concurrency)
                .blockLast(Duration.ofSeconds(warmup + seconds + 60));
        run.windowUntil = Clocks.epochMicros();
        double busy = usage[0] == null ? Double.NaN : usage[0].busy();
        pool.disposeLater().block(Duration.ofSeconds(10));
        return new Result("ceiling", "raw WebClient, " + concurrency + " requests in flight, 4 loopback receivers",
                run.received.sum(), run.received.sum(), run.received.sum(), run.duplicates.sum(), seconds,
                run.inWindow.sum() / (double) seconds, run.latency(), busy, run.timeline(warmup + seconds + 5), "");
    }

    private static byte[] rawEvent(Run run, int i) {
        return ("{\"id\":\"evt_" + run.tag + "_" + i + "\",\"type\":\"email.opened\",\"data\":{\"bench_sent_us\":" + Clocks.epochMicros()
                + ",\"email_id\":\"msg_xyz789\",\"campaign_id\":\"camp_def456\",\"contact\":{\"id\":\"cont_ghi012\","
                + "\"email\":\"user@example.com\"},\"opened_at\":\"2025-11-25T14:30:00Z\",\"user_agent\":\"Mozilla/5.0\","
                + "\"ip_address\":\"192.168.1.1\",\"location\":{\"country\":\"US\",\"city\":\"San Francisco\"}}}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /**
     * Events through ingest to {@code workspaces} fresh workspaces with {@code fanOut} webhooks each (one webhook per
     * fan-out slot, spread over the receivers), at {@code rate} events/s or, with 0, as fast as the system takes them
     * (at most {@code in-flight} deliveries outstanding). With a hanging share, that share of the events goes to
     * workspaces whose one webhook never answers. Measures {@code seconds} after {@code warmup}, then waits for every
     * healthy delivery.
     */
    private Result deliveries(String name, int workspaces, int fanOut, int rate, double hangingShare) throws Exception {
        return deliveries(name, workspaces, fanOut, rate, hangingShare, warmup, seconds);
    }

    private Result deliveries(String name, int workspaces, int fanOut, int rate, double hangingShare, int warmup, int seconds)
            throws Exception {
        int capacity = 4_000_000 / fanOut;
        Run run = new Run(name, fanOut, capacity, secret);
        List<String> healthy = Load.workspaces(run, "h", workspaces);
        List<String> hanging = hangingShare > 0 ? Load.workspaces(run, "x", 12) : List.of();
        for (int w = 0; w < healthy.size(); w++) {
            for (int slot = 0; slot < fanOut; slot++) {
                config.webhook(healthy.get(w), receivers.healthyUrl(w + slot, slot), 5);
            }
        }
        hanging.forEach(ws -> config.webhook(ws, receivers.hangingUrl(), 5));
        awaitConfigured(healthy.size() * fanOut);

        receivers.current = run;
        int every = hangingShare > 0 ? (int) Math.round(1 / hangingShare) : 0;
        long start = System.nanoTime();
        long windowStart = start + TimeUnit.SECONDS.toNanos(warmup);
        long end = windowStart + TimeUnit.SECONDS.toNanos(seconds);
        MachineUsage usage = null;
        long healthyEvents = 0;
        int i = 0;
        for (long now = System.nanoTime(); now < end && i < capacity; now = System.nanoTime()) {
            if (usage == null && now >= windowStart) {
                run.windowFrom = Clocks.epochMicros();
                usage = MachineUsage.start();
            }
            if (rate > 0) {
                long due = start + (long) (i * 1e9 / rate);
                if (due > now) {
                    LockSupport.parkNanos(Math.min(due - now, 1_000_000));
                    continue;
                }
            } else if (healthyEvents * fanOut - run.received.sum() >= inFlight) {
                LockSupport.parkNanos(200_000);
                continue;
            }
            boolean toHanging = every > 0 && i % every == every - 1;
            String workspace = toHanging ? hanging.get(i % hanging.size()) : healthy.get(i % healthy.size());
            if (!toHanging) {
                healthyEvents++;
            }
            load.submit(workspace, run, i);
            i++;
        }
        run.windowUntil = Clocks.epochMicros();
        double busy = usage == null ? Double.NaN : usage.busy();
        load.flush();
        long expected = healthyEvents * fanOut;
        awaitReceived(run, expected);
        String offered = (rate > 0 ? String.format("%,d events/s", rate) : "as fast as taken (closed loop, " + String.format("%,d", inFlight)
                + " deliveries outstanding at most)") + String.format(", %,d workspace%s × %d webhook%s", workspaces, workspaces > 1 ? "s" : "",
                fanOut, fanOut > 1 ? "s" : "") + (every > 0 ? String.format(", %.0f %% of events to a webhook that never answers", hangingShare * 100) : "")
                + (dispatchers.count() > 1 ? ", " + dispatchers.count() + " dispatchers" : "");
        String note = run.badSignatures.sum() > 0 || run.stray.sum() > 0 || load.errors.sum() > 0
                ? String.format("bad signatures %d, stray requests %d, produce errors %d", run.badSignatures.sum(), run.stray.sum(), load.errors.sum())
                : String.format("%,d signatures verified", run.verified.sum());
        Result result = new Result(name, offered, i, expected, run.received.sum(), run.duplicates.sum(), seconds,
                run.inWindow.sum() / (double) seconds, run.latency(), busy, run.timeline(warmup + seconds + 60), note);
        log(String.format("%s: %,d / %,d received, %,.0f/s in the window, p99 %.1f ms", name, result.received(), expected,
                result.perSecond(), result.percentileMillis(99)));
        return result;
    }

    /**
     * Scenario 6: 100,000 webhooks in 100,000 workspaces, then a backlog of 1,000,000 events (one delivery each) written
     * while no dispatcher runs; one dispatcher starts on it, and its RSS and heap are sampled every second while it
     * works through the backlog (for {@code memory-seconds}, 120 by default).
     */
    private void memory() throws Exception {
        int webhooks = Integer.parseInt(options.getOrDefault("memory-webhooks", "100000"));
        int backlog = Integer.parseInt(options.getOrDefault("backlog", "1000000"));
        int sampleSeconds = Integer.parseInt(options.getOrDefault("memory-seconds", "120"));
        Run run = new Run("memory", 1, backlog, secret);
        List<String> workspaces = Load.workspaces(run, "m", webhooks);
        for (int w = 0; w < webhooks; w++) {
            config.webhook(workspaces.get(w), receivers.healthyUrl(w, 0), 5);
        }
        awaitConfigured(webhooks);
        dispatchers.scaleTo(0);
        receivers.current = run;
        for (int i = 0; i < backlog; i++) {
            load.direct(workspaces.get(i % webhooks), run, i);
        }
        load.flush();
        log(String.format("backlog of %,d events written; starting one dispatcher", backlog));
        dispatchers.scaleTo(1);
        memory.put("webhooks configured", String.format("%,d (in %,d workspaces)", webhooks, webhooks));
        memory.put("backlog", String.format("%,d events, one delivery each", backlog));
        memory.put("dispatcher JVM", options.getOrDefault("dispatcher-jvm", "-Xmx384m -XX:+ExitOnOutOfMemoryError"));
        double readyRss = dispatchers.rssMiB(0);
        double readyHeap = dispatchers.heapMiB(0);
        memory.put("ready with the webhooks loaded: RSS / heap used", String.format("%.0f MiB / %.0f MiB", readyRss, readyHeap));
        double peakRss = readyRss;
        double peakHeap = readyHeap;
        long startReceived = run.received.sum();
        for (int s = 0; s < sampleSeconds && run.received.sum() < backlog; s++) {
            Thread.sleep(1000);
            double rss = dispatchers.rssMiB(0);
            double heap = dispatchers.heapMiB(0);
            peakRss = Math.max(peakRss, rss);
            peakHeap = Math.max(peakHeap, heap);
            memorySamples.add(new double[] {s + 1, rss, heap, run.received.sum()});
        }
        memory.put("working the backlog: peak RSS / peak heap used", String.format("%.0f MiB / %.0f MiB", peakRss, peakHeap));
        memory.put("deliveries made while sampled", String.format("%,d in %d s", run.received.sum() - startReceived, memorySamples.size()));
    }

    /**
     * Waits until the dispatchers' index holds the webhooks just written: one more webhook, in a workspace of its own,
     * goes last on the (single-partition, ordered) config topic, and a probe event to it must arrive.
     */
    private void awaitConfigured(int count) throws InterruptedException {
        Run probe = new Run("probe", 1, 1_000, null);
        String workspace = "ws_probe" + probe.tag;
        config.webhook(workspace, receivers.healthyUrl(0, 0), 5);
        config.flush();
        Run before = receivers.current;
        receivers.current = probe;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120 + count / 1000);
        int i = 0;
        while (probe.received.sum() == 0 && System.nanoTime() < deadline) {
            load.submit(workspace, probe, i++);
            load.flush();
            Thread.sleep(1000);
        }
        receivers.current = before;
        if (probe.received.sum() == 0) {
            throw new IllegalStateException("the dispatcher did not pick up " + count + " webhooks within the deadline");
        }
    }

    /** Waits until {@code expected} healthy deliveries arrived, or none arrived for 30 s. */
    private static void awaitReceived(Run run, long expected) throws InterruptedException {
        long last = -1;
        long lastProgress = System.nanoTime();
        while (run.received.sum() < expected && System.nanoTime() - lastProgress < TimeUnit.SECONDS.toNanos(30)) {
            long now = run.received.sum();
            if (now != last) {
                last = now;
                lastProgress = System.nanoTime();
            }
            Thread.sleep(100);
        }
    }

    private String required(String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    static void log(String message) {
        System.err.printf("suite: %s %s%n", java.time.Instant.now(), message);
    }
}
