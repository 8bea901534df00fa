package com.penguinmails.webhooks.ingest;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/**
 * Ingest's meters, all with low-cardinality tags ({@code path} = http or kafka, {@code reason} = a reject code):
 * {@code penguin.ingest.events.accepted}, {@code .rejected}, {@code .duplicates} and the timer
 * {@code penguin.ingest.publish.latency} (HTTP: request to broker acknowledgement; Kafka: record timestamp to the
 * canonical record being written).
 */
@Component
public class IngestMetrics {

    /** Where an event came in. */
    public enum Path {
        HTTP, KAFKA;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final Map<Path, Counter> accepted = new EnumMap<>(Path.class);
    private final Map<Path, Counter> duplicates = new EnumMap<>(Path.class);
    private final Map<Path, Timer> latency = new EnumMap<>(Path.class);

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (Path path : Path.values()) {
            accepted.put(path, Counter.builder("penguin.ingest.events.accepted").description("Events published to the event topics")
                    .tag("path", path.tag()).register(registry));
            duplicates.put(path, Counter.builder("penguin.ingest.events.duplicates")
                    .description("Events dropped as already seen within the window").tag("path", path.tag()).register(registry));
            latency.put(path, Timer.builder("penguin.ingest.publish.latency").description("Time until an event is on Kafka")
                    .tag("path", path.tag()).publishPercentileHistogram().register(registry));
        }
    }

    public void accepted(Path path, int count) {
        accepted.get(path).increment(count);
    }

    /** Rejections are rare: their counters are looked up by tag when needed. */
    public void rejected(Path path, RejectCode reason, int count) {
        Counter.builder("penguin.ingest.events.rejected").description("Events refused, by reason")
                .tag("path", path.tag()).tag("reason", reason.code()).register(registry).increment(count);
    }

    public void duplicate(Path path) {
        duplicates.get(path).increment();
    }

    public void publishLatency(Path path, Duration time) {
        latency.get(path).record(time);
    }
}
