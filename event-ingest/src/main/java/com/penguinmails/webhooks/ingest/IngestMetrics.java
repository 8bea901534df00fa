package com.penguinmails.webhooks.ingest;

import java.time.Duration;
import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.ingest.validation.RejectCode;

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

    public IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void accepted(Path path, int count) {
        Counter.builder("penguin.ingest.events.accepted").description("Events published to the event topics")
                .tag("path", path.tag()).register(registry).increment(count);
    }

    public void rejected(Path path, RejectCode reason, int count) {
        Counter.builder("penguin.ingest.events.rejected").description("Events refused, by reason")
                .tag("path", path.tag()).tag("reason", reason.code()).register(registry).increment(count);
    }

    public void duplicate(Path path) {
        Counter.builder("penguin.ingest.events.duplicates").description("Events dropped as already seen within the window")
                .tag("path", path.tag()).register(registry).increment();
    }

    public void publishLatency(Path path, Duration latency) {
        Timer.builder("penguin.ingest.publish.latency").description("Time until an event is on Kafka")
                .tag("path", path.tag()).publishPercentileHistogram().register(registry).record(latency);
    }
}
