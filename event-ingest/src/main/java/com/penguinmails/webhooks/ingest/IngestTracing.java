package com.penguinmails.webhooks.ingest;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.model.Headers;
import com.penguinmails.webhooks.model.TraceParent;

/**
 * Where an event's trace starts: a span of ingest's, the child of the caller's W3C {@code traceparent} when one came
 * (on the HTTP request, or on the record a producer wrote), whose context goes on the event's Kafka records as
 * {@code traceparent}. The dispatcher continues it on every POST, and the delivery log shows its trace id.
 */
@Component
public class IngestTracing {

    private final Tracer tracer;
    private final Propagator propagator;

    IngestTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
    }

    /** Starts a producer span under {@code parentTraceParent} (a new trace when it is null or malformed). */
    public Started start(String name, String parentTraceParent) {
        Map<String, String> parent = new HashMap<>();
        if (TraceParent.isValid(parentTraceParent)) {
            parent.put(Headers.TRACEPARENT, parentTraceParent);
        }
        Span span = propagator.extract(parent, Map::get).name(name).kind(Span.Kind.PRODUCER).start();
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        return new Started(span, carrier.getOrDefault(Headers.TRACEPARENT, parent.get(Headers.TRACEPARENT)));
    }

    /**
     * A started span and the {@code traceparent} for the records it covers (null without a tracer and without a parent).
     */
    public record Started(Span span, String traceParent) {

        public void end() {
            span.end();
        }
    }
}
