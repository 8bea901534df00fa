package com.penguinmails.webhooks.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.penguinmails.webhooks.model.DeliveryTask;
import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Headers;
import com.penguinmails.webhooks.model.Ids;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.schedule.DelayTiers;
import com.penguinmails.webhooks.model.schedule.EpochMillisHeader;
import tools.jackson.databind.node.ObjectNode;

/**
 * The retry scheduler under a million pending retries, measured from outside. Produces N {@link DeliveryTask}s to the
 * delay tiers exactly as the dispatcher does (first leg from {@link DelayTiers#hop}, keyed by webhook id), all due in
 * a window that opens after production has finished; samples the scheduler JVM's memory and pending gauge every
 * second while they wait; then reads {@code webhooks.deliveries.due} and records each record's lateness (receipt
 * time minus {@code due_at}, one machine clock) in a histogram, counting missing, duplicate and early records.
 * Prints Markdown tables. Run it with {@code bench/scheduler.sh}.
 */
public final class SchedulerBench {

    /** The scheduler's consumer group ({@code penguin.retry-scheduler.group-id}'s default). */
    private static final String SCHEDULER_GROUP = "retry-scheduler";
    private static final byte[] DELIVERY_ID_FIELD = "\"delivery_id\":\"dlv_".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DUE_AT_FIELD = "\"due_at\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final int SEQUENCE_DIGITS = 18;
    private static final double MIB = 1024 * 1024;
    private static final int SLICES = 6;

    private SchedulerBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Bench.strictOptions(args);
        String bootstrap = options.getOrDefault("bootstrap", "127.0.0.1:39092");
        String scheduler = options.getOrDefault("scheduler", "http://localhost:38083");
        int records = Integer.parseInt(options.getOrDefault("records", "1000000"));
        int webhooks = Integer.parseInt(options.getOrDefault("webhooks", "1000"));
        Duration dueFrom = Duration.ofSeconds(Long.parseLong(options.getOrDefault("due-from", "90")));
        Duration dueTo = Duration.ofSeconds(Long.parseLong(options.getOrDefault("due-to", "150")));
        Duration drainTimeout = Duration.ofSeconds(Long.parseLong(options.getOrDefault("drain-timeout", "600")));
        long stackPid = Long.parseLong(options.getOrDefault("stack-pid", "0"));
        String runId = Long.toString(System.nanoTime() & 0xffffffffL, 36);
        runId = ("00000000" + runId).substring(runId.length());

        Metrics metrics = new Metrics(scheduler, stackPid);
        awaitScheduler(metrics, bootstrap);

        try (DueReceiver receiver = new DueReceiver(bootstrap, runId, records)) {
            receiver.start();
            Sampler sampler = new Sampler(metrics, receiver);
            sampler.start();
            Thread.sleep(3000); // a few samples with nothing pending

            // production: the records and their first legs, as the dispatcher's OutcomePublisher.later writes them
            Instant t0 = Instant.now();
            receiver.window(t0.plus(dueFrom), t0.plus(dueTo));
            Production production = produce(bootstrap, runId, records, webhooks, t0, dueFrom, dueTo, sampler.acked);
            System.err.printf("produced %,d records (%,d bytes each on average) in %.1f s%n", records,
                    production.bytes / records, production.seconds);

            // the due window: wait for every record, or the drain timeout after the window closes
            Instant deadline = t0.plus(dueTo).plus(drainTimeout);
            long lastReport = 0;
            while (receiver.distinct() < records && Instant.now().isBefore(deadline)) {
                Thread.sleep(200);
                if (stackPid > 0 && !ProcessHandle.of(stackPid).map(ProcessHandle::isAlive).orElse(false)) {
                    throw new IllegalStateException("the local stack (pid " + stackPid + ") has stopped; "
                            + receiver.distinct() + " of " + records + " records had arrived");
                }
                if (System.currentTimeMillis() - lastReport >= 10_000) {
                    lastReport = System.currentTimeMillis();
                    Sample s = sampler.latest();
                    System.err.printf("t=%5.0fs received %,d/%,d, scheduler pending %,.0f, heap %,.0f MiB%n",
                            (System.currentTimeMillis() - t0.toEpochMilli()) / 1000.0, receiver.distinct(), records,
                            s == null ? Double.NaN : s.pendingGauge, s == null ? Double.NaN : s.heapUsed / MIB);
                }
            }
            Thread.sleep(3000); // any late duplicate
            receiver.stop();
            sampler.stop();
            Scrape last = metrics.scrape();
            if (last != null && options.containsKey("metrics-out")) {
                Files.writeString(Path.of(options.get("metrics-out")), last.text());
            }

            Report report = new Report(records, webhooks, t0, dueFrom, dueTo, production, receiver, sampler.samples(), last);
            System.out.println(report.productionTable());
            System.out.println();
            System.out.println(report.memoryTable());
            System.out.println();
            System.out.println(report.deliveryTable());
            System.out.println();
            System.out.println(report.slicesTable());
            System.out.println();
            System.out.println(report.schedulerTable());
            System.out.println();
            System.out.println(report.timelineTable());
        }
    }

    /** Waits until the scheduler answers and its relay consumer has its partitions. */
    private static void awaitScheduler(Metrics metrics, String bootstrap) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (metrics.scrape() == null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the scheduler's /actuator/prometheus did not answer");
            }
            Thread.sleep(500);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            while (true) {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(SCHEDULER_GROUP)).all().get()
                        .get(SCHEDULER_GROUP);
                if (group.groupState() == GroupState.STABLE && !group.members().isEmpty()
                        && !group.members().iterator().next().assignment().topicPartitions().isEmpty()) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the scheduler's consumer group is not stable: " + group);
                }
                Thread.sleep(500);
            }
        }
    }

    record Production(double seconds, long bytes, Map<String, Long> firstTiers, long failed) {
    }

    /**
     * N tasks for {@code webhooks} webhooks, due uniformly in [t0 + from, t0 + to), each written to the tier of its
     * first leg with its {@code hop_due_at}, keyed by webhook id: what the dispatcher does with a retry.
     */
    private static Production produce(String bootstrap, String runId, int records, int webhooks, Instant t0,
                                      Duration dueFrom, Duration dueTo, AtomicLong acked) {
        DelayTiers tiers = DelayTiers.defaults();
        List<String> webhookIds = new ArrayList<>();
        List<String> workspaceIds = new ArrayList<>();
        for (int i = 0; i < webhooks; i++) {
            webhookIds.add(Ids.newWebhookId());
        }
        for (int i = 0; i < Math.max(1, webhooks / 10); i++) {
            workspaceIds.add(Ids.newWorkspaceId());
        }
        EventEnvelope template = exampleEvent();
        Random random = new Random(42);
        long windowMillis = dueTo.minus(dueFrom).toMillis();
        Map<String, Long> firstTiers = new TreeMap<>();
        AtomicLong failed = new AtomicLong();
        long bytes = 0;
        // the dispatcher's producer settings (acks=all, idempotent), with batches large enough for one producer to
        // stand in for a fleet of dispatchers
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
        long start = System.nanoTime();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < records; i++) {
                int webhook = i % webhooks;
                Instant dueAt = t0.plus(dueFrom).plusMillis((long) (random.nextDouble() * windowMillis));
                EventEnvelope event = new EventEnvelope(String.format("evt_%s%018d", runId, i), template.type(),
                        t0, template.data());
                DeliveryTask task = new DeliveryTask(String.format("dlv_%s%018d", runId, i), webhookIds.get(webhook),
                        workspaceIds.get(webhook % workspaceIds.size()), event, 2, dueAt);
                DelayTiers.Hop hop = tiers.hop(Instant.now(), dueAt);
                byte[] value = Json.write(task.onHopUntil(hop.hopDueAt()));
                bytes += value.length;
                firstTiers.merge(hop.tier().topic(), 1L, Long::sum);
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(hop.tier().topic(), task.webhookId(), value);
                record.headers().add(Headers.KAFKA_DUE_AT, EpochMillisHeader.encode(dueAt))
                        .add(Headers.KAFKA_HOP_DUE_AT, EpochMillisHeader.encode(hop.hopDueAt()));
                producer.send(record, (metadata, error) -> {
                    if (error == null) {
                        acked.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        return new Production((System.nanoTime() - start) / 1e9, bytes, firstTiers, failed.get());
    }

    /**
     * Spec 002's email.opened example as a retry would carry it: a full user agent instead of the example's
     * abbreviation, and the contact's custom fields, which bring a task to about 1 KB.
     */
    private static EventEnvelope exampleEvent() {
        EventEnvelope example = Json.read(EventType.EMAIL_OPENED.exampleJson(), EventEnvelope.class);
        ObjectNode data = (ObjectNode) example.data().deepCopy();
        data.put("user_agent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                + "Version/17.4.1 Safari/605.1.15");
        ObjectNode custom = ((ObjectNode) data.get("contact")).putObject("custom_fields");
        custom.put("company", "Northwind Traders");
        custom.put("job_title", "Head of Lifecycle Marketing");
        custom.put("plan", "growth-annual");
        custom.put("signup_source", "webinar-2025-10-spring-launch");
        custom.put("lifecycle_stage", "marketing_qualified_lead");
        ((ObjectNode) data.get("contact")).putArray("tags").add("newsletter").add("product-updates").add("emea").add("trial-2025");
        return new EventEnvelope(example.id(), example.type(), example.createdAt(), data);
    }

    /** Reads the due topic from its end and records, for every bench record, when it arrived against its due_at. */
    static final class DueReceiver implements AutoCloseable {

        private final KafkaConsumer<byte[], byte[]> consumer;
        private final byte[] runPrefix;
        private final int records;
        private final BitSet seen;
        private final Histogram lateness = new Histogram(3); // microseconds, auto-resizing
        /** The lateness of the records due in each tenth of the due window. */
        private final Histogram[] latenessBySlice = new Histogram[SLICES];
        private volatile long windowStartMicros;
        private volatile long sliceMicros = Long.MAX_VALUE;
        private final AtomicLong distinct = new AtomicLong();
        private final AtomicLong total = new AtomicLong();
        private final CountDownLatch ready = new CountDownLatch(1);
        private final TreeMap<Long, Long> perSecond = new TreeMap<>(); // receipt second (epoch) -> records
        private volatile boolean running = true;
        private Thread thread;
        long duplicates;
        long early;
        long unreadable;
        long firstReceiptMicros = Long.MAX_VALUE;
        long lastReceiptMicros;

        DueReceiver(String bootstrap, String runId, int records) {
            this.runPrefix = runId.getBytes(StandardCharsets.US_ASCII);
            this.records = records;
            this.seen = new BitSet(records);
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }

        void window(Instant from, Instant to) {
            windowStartMicros = micros(from);
            sliceMicros = Math.max(1, (micros(to) - micros(from)) / SLICES);
        }

        void start() throws InterruptedException {
            for (int i = 0; i < SLICES; i++) {
                latenessBySlice[i] = new Histogram(3);
            }
            thread = Thread.ofPlatform().name("due-receiver").start(this::run);
            if (!ready.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("could not position a consumer at the end of " + Topics.DELIVERIES_DUE);
            }
        }

        private void run() {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DELIVERIES_DUE).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            ready.countDown();
            while (running) {
                ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(100));
                if (batch.isEmpty()) {
                    continue;
                }
                long receipt = micros(Instant.now());
                synchronized (this) {
                    for (ConsumerRecord<byte[], byte[]> record : batch) {
                        accept(record.value(), receipt);
                    }
                }
            }
        }

        private void accept(byte[] value, long receiptMicros) {
            int id = indexOf(value, DELIVERY_ID_FIELD, 0);
            int due = indexOf(value, DUE_AT_FIELD, 0);
            if (id < 0 || due < 0) {
                unreadable++;
                return;
            }
            int run = id + DELIVERY_ID_FIELD.length;
            for (int i = 0; i < runPrefix.length; i++) {
                if (value[run + i] != runPrefix[i]) {
                    return; // not this run's
                }
            }
            int sequence = Integer.parseInt(new String(value, run + runPrefix.length, SEQUENCE_DIGITS, StandardCharsets.US_ASCII));
            int dueStart = due + DUE_AT_FIELD.length;
            int dueEnd = dueStart;
            while (value[dueEnd] != '"') {
                dueEnd++;
            }
            long dueMicros = micros(Instant.parse(new String(value, dueStart, dueEnd - dueStart, StandardCharsets.US_ASCII)));
            total.incrementAndGet();
            if (sequence < 0 || sequence >= records) {
                unreadable++;
                return;
            }
            if (seen.get(sequence)) {
                duplicates++;
                return;
            }
            seen.set(sequence);
            distinct.incrementAndGet();
            long late = receiptMicros - dueMicros;
            if (late < 0) {
                early++;
            } else {
                lateness.recordValue(late);
                int slice = Math.clamp((dueMicros - windowStartMicros) / sliceMicros, 0, SLICES - 1);
                latenessBySlice[slice].recordValue(late);
            }
            firstReceiptMicros = Math.min(firstReceiptMicros, receiptMicros);
            lastReceiptMicros = Math.max(lastReceiptMicros, receiptMicros);
            perSecond.merge(receiptMicros / 1_000_000, 1L, Long::sum);
        }

        long distinct() {
            return distinct.get();
        }

        synchronized long receivedBetween(long fromMillis, long toMillis) {
            return perSecond.subMap(fromMillis / 1000, toMillis / 1000).values().stream().mapToLong(Long::longValue).sum();
        }

        synchronized long peakPerSecond() {
            return perSecond.values().stream().mapToLong(Long::longValue).max().orElse(0);
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(10_000);
        }

        @Override
        public void close() {
            running = false;
            if (thread != null) {
                try {
                    thread.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            consumer.close();
        }
    }

    /** One sample: counts from the bench, the rest from the scheduler's /actuator/prometheus and /proc. */
    record Sample(long epochMillis, long acked, long received, double pendingGauge, double heapUsed, double oldGenUsed,
                  double heapCommitted, double rss, double relayedDue, double relayedOn, double processCpu,
                  double systemCpu, double held) {

        long pending() {
            return acked - received;
        }
    }

    /** Samples every second on a thread of its own. */
    static final class Sampler {

        private final Metrics metrics;
        private final DueReceiver receiver;
        private final List<Sample> samples = new ArrayList<>();
        final AtomicLong acked = new AtomicLong();
        private volatile boolean running = true;
        private Thread thread;

        Sampler(Metrics metrics, DueReceiver receiver) {
            this.metrics = metrics;
            this.receiver = receiver;
        }

        void start() {
            thread = Thread.ofPlatform().name("sampler").daemon().start(() -> {
                long next = System.currentTimeMillis();
                while (running) {
                    long now = System.currentTimeMillis();
                    Scrape scrape = metrics.scrape();
                    if (scrape != null) {
                        Sample sample = new Sample(now, acked.get(), receiver.distinct(),
                                scrape.sum("penguin_scheduler_pending", l -> true),
                                scrape.sum("jvm_memory_used_bytes", l -> l.contains("area=\"heap\"")),
                                scrape.sum("jvm_memory_used_bytes", l -> l.contains("Old Gen")),
                                scrape.sum("jvm_memory_committed_bytes", l -> l.contains("area=\"heap\"")),
                                metrics.rss(),
                                scrape.sum("penguin_scheduler_relayed_total", l -> l.contains("to=\"due\"")),
                                scrape.sum("penguin_scheduler_relayed_total", l -> l.contains("to=\"next_tier\"")),
                                scrape.sum("process_cpu_usage", l -> true),
                                scrape.sum("system_cpu_usage", l -> true),
                                scrape.sum("penguin_scheduler_held", l -> true));
                        synchronized (samples) {
                            samples.add(sample);
                        }
                    }
                    next += 1000;
                    try {
                        Thread.sleep(Math.max(0, next - System.currentTimeMillis()));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        Sample latest() {
            synchronized (samples) {
                return samples.isEmpty() ? null : samples.getLast();
            }
        }

        List<Sample> samples() {
            synchronized (samples) {
                return List.copyOf(samples);
            }
        }

        void stop() throws InterruptedException {
            running = false;
            thread.interrupt();
            thread.join(5000);
        }
    }

    /** The scheduler's Prometheus text and the stack process's resident memory. */
    static final class Metrics {

        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        private final URI uri;
        private final long stackPid;

        Metrics(String scheduler, long stackPid) {
            this.uri = URI.create(scheduler + "/actuator/prometheus");
            this.stackPid = stackPid;
        }

        /** The scheduler's metrics now, or null when it does not answer. */
        Scrape scrape() {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                return response.statusCode() == 200 ? new Scrape(response.body()) : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        /** VmRSS of the stack's process in bytes, NaN when unknown. */
        double rss() {
            if (stackPid <= 0) {
                return Double.NaN;
            }
            try {
                for (String line : Files.readAllLines(Path.of("/proc/" + stackPid + "/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024.0;
                    }
                }
            } catch (IOException | RuntimeException e) {
                // gone or not Linux
            }
            return Double.NaN;
        }
    }

    /** Prometheus text exposition, read line by line. */
    record Scrape(String text) {

        /** The sum of the samples of a metric whose labels pass the filter; NaN when there is none. */
        double sum(String name, Predicate<String> labels) {
            double sum = 0;
            boolean found = false;
            for (String line : text.split("\n")) {
                if (line.startsWith("#") || !line.startsWith(name)) {
                    continue;
                }
                int brace = line.indexOf('{');
                int space = line.lastIndexOf(' ');
                String metric = brace >= 0 && brace < space ? line.substring(0, brace) : line.substring(0, space);
                if (!metric.equals(name)) {
                    continue;
                }
                String labelText = brace >= 0 && brace < space ? line.substring(brace, line.lastIndexOf('}') + 1) : "";
                if (labels.test(labelText)) {
                    sum += Double.parseDouble(line.substring(space + 1));
                    found = true;
                }
            }
            return found ? sum : Double.NaN;
        }

        /**
         * A quantile estimated from the histogram buckets the way Prometheus' {@code histogram_quantile} does it: linear
         * within the bucket that holds it.
         */
        double quantile(String name, double quantile) {
            TreeMap<Double, Double> buckets = new TreeMap<>();
            for (String line : text.split("\n")) {
                if (line.startsWith(name + "_bucket{")) {
                    int le = line.indexOf("le=\"");
                    String bound = line.substring(le + 4, line.indexOf('"', le + 4));
                    buckets.put(bound.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(bound),
                            Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
                }
            }
            if (buckets.isEmpty()) {
                return Double.NaN;
            }
            double rank = quantile * buckets.lastEntry().getValue();
            double lowerBound = 0;
            double lowerCount = 0;
            for (Map.Entry<Double, Double> bucket : buckets.entrySet()) {
                if (bucket.getValue() >= rank) {
                    if (bucket.getKey().isInfinite()) {
                        return lowerBound;
                    }
                    double inBucket = bucket.getValue() - lowerCount;
                    return lowerBound + (bucket.getKey() - lowerBound) * (inBucket == 0 ? 1 : (rank - lowerCount) / inBucket);
                }
                lowerBound = bucket.getKey();
                lowerCount = bucket.getValue();
            }
            return Double.POSITIVE_INFINITY;
        }
    }

    /** The Markdown tables. */
    record Report(int records, int webhooks, Instant t0, Duration dueFrom, Duration dueTo, Production production,
                  DueReceiver receiver, List<Sample> samples, Scrape last) {

        String productionTable() {
            StringBuilder tiers = new StringBuilder();
            production.firstTiers().forEach((tier, count) -> tiers.append(tiers.isEmpty() ? "" : ", ")
                    .append(tier.substring(tier.lastIndexOf('.') + 1)).append(String.format(": %,d", count)));
            return String.join("\n",
                    "| records | bytes each (mean) | webhook ids (keys) | first leg on | seconds to produce (all acked) | records/s | send failures | due window |",
                    "|---|---|---|---|---|---|---|---|",
                    String.format("| %,d | %,d | %,d | %s | %.1f | %,.0f | %,d | %d–%d s after the start |", records,
                            production.bytes() / records, webhooks, tiers, production.seconds(),
                            records / production.seconds(), production.failed(), dueFrom.toSeconds(), dueTo.toSeconds()));
        }

        String memoryTable() {
            List<String> rows = new ArrayList<>();
            rows.add("| moment | s after start | pending (produced − received) | scheduler's pending gauge | heap used MiB | old gen used MiB | heap committed MiB | RSS MiB |");
            rows.add("|---|---|---|---|---|---|---|---|");
            long t0Millis = t0.toEpochMilli();
            long firstDue = t0Millis + dueFrom.toMillis();
            samples.stream().filter(s -> s.epochMillis() < t0Millis).reduce((a, b) -> b)
                    .ifPresent(s -> rows.add(row("before production", s)));
            for (long target : new long[] {records / 4, records / 2, records * 3L / 4, records}) {
                samples.stream().filter(s -> s.epochMillis() >= t0Millis && s.pending() >= target).findFirst()
                        .ifPresent(s -> rows.add(row(String.format("%,d pending", target), s)));
            }
            samples.stream().filter(s -> s.epochMillis() < firstDue).reduce((a, b) -> b)
                    .ifPresent(s -> rows.add(row("last sample before the first due", s)));
            samples.stream().filter(s -> s.epochMillis() >= firstDue && s.pending() <= records / 2).findFirst()
                    .ifPresent(s -> rows.add(row("half delivered", s)));
            if (!samples.isEmpty()) {
                rows.add(row("end (all delivered)", samples.getLast()));
            }
            List<Sample> holding = samples.stream().filter(s -> s.epochMillis() >= t0Millis && s.epochMillis() < firstDue).toList();
            rows.add("");
            List<Sample> afterStart = samples.stream().filter(s -> s.epochMillis() >= t0Millis).toList();
            rows.add(String.format("While pending (start to first due, %d samples): heap used min %,.0f / max %,.0f MiB, "
                            + "old gen max %,.0f MiB, RSS max %,.0f MiB. Records held in the last-leg look-ahead, "
                            + "whole run: max %,.0f, mean %,.0f.", holding.size(),
                    holding.stream().mapToDouble(Sample::heapUsed).min().orElse(Double.NaN) / MIB,
                    holding.stream().mapToDouble(Sample::heapUsed).max().orElse(Double.NaN) / MIB,
                    holding.stream().mapToDouble(Sample::oldGenUsed).max().orElse(Double.NaN) / MIB,
                    holding.stream().mapToDouble(Sample::rss).max().orElse(Double.NaN) / MIB,
                    afterStart.stream().mapToDouble(Sample::held).filter(v -> !Double.isNaN(v)).max().orElse(Double.NaN),
                    afterStart.stream().mapToDouble(Sample::held).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN)));
            return String.join("\n", rows);
        }

        private String row(String moment, Sample s) {
            return String.format("| %s | %.0f | %,d | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f |", moment,
                    (s.epochMillis() - t0.toEpochMilli()) / 1000.0, s.pending(), s.pendingGauge(), s.heapUsed() / MIB,
                    s.oldGenUsed() / MIB, s.heapCommitted() / MIB, s.rss() / MIB);
        }

        String deliveryTable() {
            Histogram h = receiver.lateness;
            long missing = records - receiver.distinct();
            double firstDue = t0.toEpochMilli() + dueFrom.toMillis();
            double span = (receiver.lastReceiptMicros - receiver.firstReceiptMicros) / 1e6;
            long inWindow = receiver.receivedBetween(t0.toEpochMilli() + dueFrom.toMillis(), t0.toEpochMilli() + dueTo.toMillis());
            return String.join("\n",
                    "| received (distinct) | missing | duplicates | early | lateness p50 | p99 | p99.9 | max | due rate | received/s, first to last | received/s, peak second | last received, s after window closed |",
                    "|---|---|---|---|---|---|---|---|---|---|---|---|",
                    String.format("| %,d | %,d | %,d | %,d | %s | %s | %s | %s | %,.0f/s | %,.0f/s | %,d/s | %.1f |",
                            receiver.distinct(), missing, receiver.duplicates, receiver.early,
                            ms(h.getValueAtPercentile(50)), ms(h.getValueAtPercentile(99)), ms(h.getValueAtPercentile(99.9)),
                            ms(h.getMaxValue()), records / (double) dueTo.minus(dueFrom).toSeconds(),
                            receiver.distinct() / Math.max(span, 1e-3), receiver.peakPerSecond(),
                            receiver.lastReceiptMicros / 1000.0 / 1000.0 - (t0.toEpochMilli() + dueTo.toMillis()) / 1000.0),
                    "",
                    String.format("Received within the due window itself: %,d of %,d (%.1f %%); the first record was "
                                    + "received %.1f s after the window opened.", inWindow, records,
                            100.0 * inWindow / records, receiver.firstReceiptMicros / 1000.0 / 1000.0 - firstDue / 1000.0)
                            + (receiver.unreadable > 0 ? String.format(" %,d unreadable records.", receiver.unreadable) : ""));
        }

        String slicesTable() {
            List<String> rows = new ArrayList<>();
            rows.add("| due (s after start) | records | lateness p50 | p99 | max |");
            rows.add("|---|---|---|---|---|");
            double slice = (dueTo.toMillis() - dueFrom.toMillis()) / 1000.0 / SLICES;
            for (int i = 0; i < SLICES; i++) {
                Histogram h = receiver.latenessBySlice[i];
                rows.add(String.format("| %.0f–%.0f | %,d | %s | %s | %s |", dueFrom.toSeconds() + i * slice,
                        dueFrom.toSeconds() + (i + 1) * slice, h.getTotalCount(), ms(h.getValueAtPercentile(50)),
                        ms(h.getValueAtPercentile(99)), ms(h.getMaxValue())));
            }
            return String.join("\n", rows);
        }

        String schedulerTable() {
            if (last == null) {
                return "(the scheduler's metrics could not be read at the end)";
            }
            String name = "penguin_scheduler_lateness_seconds";
            long t0Millis = t0.toEpochMilli();
            long firstDue = t0Millis + dueFrom.toMillis();
            List<Sample> window = samples.stream().filter(s -> s.epochMillis() >= firstDue).toList();
            String rates = "";
            if (window.size() >= 2) {
                Sample a = window.getFirst();
                Sample b = window.stream().filter(s -> s.pending() == 0).findFirst().orElse(window.getLast());
                double seconds = Math.max(1, (b.epochMillis() - a.epochMillis()) / 1000.0);
                rates = String.format("%n%nFrom the first due to the last delivery (%.0f s), the scheduler relayed %,.0f "
                                + "records/s: %,.0f/s to the due topic and %,.0f/s on to a next tier. Over the whole run: "
                                + "%,.0f to the due topic, %,.0f on to a next tier (%.1f legs per delivery). Stack JVM CPU "
                                + "%.0f %% of the machine, machine %.0f %% busy (mean of the samples in that time).",
                        seconds, ((b.relayedDue() - a.relayedDue()) + (b.relayedOn() - a.relayedOn())) / seconds,
                        (b.relayedDue() - a.relayedDue()) / seconds, (b.relayedOn() - a.relayedOn()) / seconds,
                        b.relayedDue(), b.relayedOn(), (b.relayedDue() + b.relayedOn()) / Math.max(1, b.relayedDue()),
                        100 * mean(window, Sample::processCpu, a, b), 100 * mean(window, Sample::systemCpu, a, b));
            }
            double count = last.sum(name + "_count", l -> true);
            return String.join("\n",
                    "| scheduler's own `penguin_scheduler_lateness_seconds` (whole run) | p50 | p99 | p99.9 | mean | max (last 2 min) | count |",
                    "|---|---|---|---|---|---|---|",
                    String.format("| estimated from the histogram buckets (as Prometheus' `histogram_quantile`) | %s | %s | %s | %s | %s | %,.0f |",
                            sec(last.quantile(name, 0.5)), sec(last.quantile(name, 0.99)), sec(last.quantile(name, 0.999)),
                            sec(last.sum(name + "_sum", l -> true) / count), sec(last.sum(name + "_max", l -> true)), count))
                    + rates;
        }

        private static double mean(List<Sample> window, java.util.function.ToDoubleFunction<Sample> value, Sample a, Sample b) {
            return window.stream().filter(s -> s.epochMillis() >= a.epochMillis() && s.epochMillis() <= b.epochMillis())
                    .mapToDouble(value).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
        }

        String timelineTable() {
            List<String> rows = new ArrayList<>();
            rows.add("| s after start | pending | scheduler's gauge | held | heap used MiB | RSS MiB | relayed/s to due | relayed/s to next tier | received/s | stack CPU % |");
            rows.add("|---|---|---|---|---|---|---|---|---|---|");
            Sample previous = null;
            for (Sample s : samples) {
                long second = Math.round((s.epochMillis() - t0.toEpochMilli()) / 1000.0);
                boolean due = previous == null ? second >= 0 : second >= Math.round((previous.epochMillis() - t0.toEpochMilli()) / 1000.0) + 10;
                if (previous != null && due) {
                    double dt = Math.max(0.001, (s.epochMillis() - previous.epochMillis()) / 1000.0);
                    rows.add(String.format("| %d | %,d | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %,.0f | %.0f |", second,
                            s.pending(), s.pendingGauge(), s.held(), s.heapUsed() / MIB, s.rss() / MIB,
                            (s.relayedDue() - previous.relayedDue()) / dt, (s.relayedOn() - previous.relayedOn()) / dt,
                            (s.received() - previous.received()) / dt, 100 * s.processCpu()));
                }
                if (due) {
                    previous = s;
                }
            }
            return String.join("\n", rows);
        }

        private static String ms(long micros) {
            return micros >= 10_000_000 ? String.format("%.1f s", micros / 1e6) : String.format("%,.0f ms", micros / 1e3);
        }

        private static String sec(double seconds) {
            return Double.isNaN(seconds) ? "–" : Double.isInfinite(seconds) ? "> top bucket" : ms((long) (seconds * 1e6));
        }
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
