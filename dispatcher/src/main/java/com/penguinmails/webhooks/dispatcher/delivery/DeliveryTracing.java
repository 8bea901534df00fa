package com.penguinmails.webhooks.dispatcher.delivery;

import java.util.HashMap;
import java.util.Map;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.model.DeliveryTask;
import com.penguinmails.webhooks.model.Headers;
import com.penguinmails.webhooks.model.TraceParent;

/**
 * One client span per attempt, a child of the event's trace as ingest (or the producer) left it in the record's
 * {@code traceparent} and the task carries through retries; a delivery without one starts a trace of its own. The
 * span's context goes on the POST as {@code traceparent}, so a receiver that traces joins the same trace, and its trace
 * id goes in the attempt record, so the delivery log leads to the trace. Spans are exported only when an OTLP endpoint
 * is configured, and sampled at {@code management.tracing.sampling.probability}; ids travel either way.
 */
@Component
class DeliveryTracing {

    static final String SPAN_NAME = "webhook delivery";

    private final Tracer tracer;
    private final Propagator propagator;

    DeliveryTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
    }

    /** Starts the span of one attempt; end it with {@link Attempt#end}. */
    Attempt start(DeliveryTask task) {
        Map<String, String> parent = new HashMap<>();
        if (TraceParent.isValid(task.traceParent())) {
            parent.put(Headers.TRACEPARENT, task.traceParent());
        }
        Span span = propagator.extract(parent, Map::get)
                .name(SPAN_NAME)
                .kind(Span.Kind.CLIENT)
                .tag("webhook.id", task.webhookId())
                .tag("delivery.id", task.deliveryId())
                .tag("event.id", task.event().id())
                .tag("event.type", task.event().type())
                .tag("delivery.attempt", task.attempt())
                .start();
        Map<String, String> carrier = new HashMap<>();
        propagator.inject(span.context(), carrier, Map::put);
        // without a tracer (tracing switched off) the event's own context still travels on
        String traceParent = carrier.getOrDefault(Headers.TRACEPARENT, parent.get(Headers.TRACEPARENT));
        return new Attempt(span, traceParent, TraceParent.traceId(traceParent));
    }

    /** The trace id of a delivery that makes no call (circuit open, skipped): its event's, if it has one. */
    static String traceIdOf(DeliveryTask task) {
        return TraceParent.traceId(task.traceParent());
    }

    /**
     * One attempt's span.
     *
     * @param traceParent the {@code traceparent} to send with the POST; null when there is no trace at all
     * @param traceId     its trace id, for the attempt record
     */
    record Attempt(Span span, String traceParent, String traceId) {

        void end(ReceiverResponse response) {
            if (response.statusCode() != null) {
                span.tag("http.response.status_code", response.statusCode());
            }
            if (!response.isSuccess()) {
                span.tag("error.type", response.errorClass() == null ? "http_" + response.statusCode() : response.errorClassName());
            }
            span.end();
        }
    }
}
