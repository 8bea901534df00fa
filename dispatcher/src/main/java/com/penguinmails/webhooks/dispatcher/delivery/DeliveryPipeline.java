package com.penguinmails.webhooks.dispatcher.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.dispatcher.DispatcherProperties;
import com.penguinmails.webhooks.dispatcher.limits.DeliveryLanes;
import com.penguinmails.webhooks.dispatcher.limits.EndpointGuard;
import com.penguinmails.webhooks.dispatcher.limits.InFlightLimit;
import com.penguinmails.webhooks.dispatcher.limits.Lane;
import com.penguinmails.webhooks.dispatcher.limits.WorkspaceLimits;
import com.penguinmails.webhooks.dispatcher.subscription.Subscription;
import com.penguinmails.webhooks.dispatcher.subscription.SubscriptionIndex;
import com.penguinmails.webhooks.model.AttemptOutcome;
import com.penguinmails.webhooks.model.AttemptRecord;
import com.penguinmails.webhooks.model.CustomHeaders;
import com.penguinmails.webhooks.model.DeliveryTask;
import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.Headers;
import com.penguinmails.webhooks.model.Ids;
import com.penguinmails.webhooks.model.WebhookConfig;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The dispatcher's path, top to bottom: match → sign → send → classify → route. Each returned Mono completes once
 * every outcome record is acknowledged by the broker, and only then is the consumed record's offset committed.
 */
@Component
public class DeliveryPipeline {

    private static final int GONE = 410;
    private static final int RUNNING = 0;
    private static final int HANDED_OFF = 1;
    private static final int FINISHED = 2;
    /** Margin of a safety net beyond the webhook's timeout. */
    private static final Duration SAFETY_MARGIN = Duration.ofSeconds(10);
    /** The statuses whose {@code Retry-After} is honoured. */
    private static final java.util.Set<Integer> RETRY_AFTER_STATUSES = java.util.Set.of(429, 503);

    private final SubscriptionIndex index;
    private final RequestSigner signer;
    private final ReceiverClient receiver;
    private final OutcomePublisher publisher;
    private final RetryPolicy retryPolicy;
    private final RetryPolicy v1RetryPolicy;
    private final HandOffs handOffs;
    private final DeliveryLanes lanes;
    private final EndpointGuard endpoints;
    private final WorkspaceLimits workspaces;
    private final Duration handOffAfter;
    private final Duration endpointDeferFor;
    private final Duration rateLimitDeferFor;
    private final Clock clock;
    private final Counter deferredSaturated;
    private final Counter deferredRateLimited;
    private final Counter circuitOpen;
    private final Counter handedOff;
    private final DeliveryTracing tracing;

    DeliveryPipeline(SubscriptionIndex index, RequestSigner signer, ReceiverClient receiver, OutcomePublisher publisher,
                     HandOffs handOffs, DeliveryLanes lanes, EndpointGuard endpoints, WorkspaceLimits workspaces,
                     DispatcherProperties properties, MeterRegistry meters, Clock clock, DeliveryTracing tracing) {
        this.index = index;
        this.tracing = tracing;
        this.signer = signer;
        this.receiver = receiver;
        this.publisher = publisher;
        this.retryPolicy = new RetryPolicy(properties.retryDelays(), properties.retryJitter(), java.util.concurrent.ThreadLocalRandom.current());
        this.v1RetryPolicy = new RetryPolicy(properties.v1RetryDelays(), properties.retryJitter(), java.util.concurrent.ThreadLocalRandom.current());
        this.handOffs = handOffs;
        this.lanes = lanes;
        this.endpoints = endpoints;
        this.workspaces = workspaces;
        this.handOffAfter = properties.handOffAfter();
        this.endpointDeferFor = properties.endpoints().deferFor();
        this.rateLimitDeferFor = properties.rateLimits().deferFor();
        this.clock = clock;
        this.deferredSaturated = Counter.builder("penguin.dispatcher.deferred").tag("reason", "endpoint_saturated")
                .description("deliveries put back on a delay topic without an attempt").register(meters);
        this.deferredRateLimited = Counter.builder("penguin.dispatcher.deferred").tag("reason", "workspace_rate_limited")
                .description("deliveries put back on a delay topic without an attempt").register(meters);
        this.circuitOpen = Counter.builder("penguin.dispatcher.circuit.open.attempts")
                .description("attempts failed at once because their endpoint's circuit was open").register(meters);
        this.handedOff = Counter.builder("penguin.dispatcher.handed.off")
                .description("calls still running when their record was committed (a safety net on a delay topic)").register(meters);
    }

    /** A new event: one first attempt per webhook of its workspace that subscribes to its type and whose filters pass. */
    public Mono<Void> dispatch(String workspaceId, EventEnvelope event, String traceParent) {
        Instant now = clock.instant();
        return Flux.fromIterable(index.subscribers(workspaceId, event.type()))
                .filter(subscription -> subscription.matches(workspaceId, event))
                .map(Subscription::webhook)
                .map(webhook -> new DeliveryTask(Ids.deliveryId(event.id(), webhook.id()), webhook.id(), workspaceId, event, 1, now, traceParent))
                .flatMap(task -> attempt(task, Lane.FIRST_ATTEMPTS))
                .then();
    }

    /** Whether any webhook of the workspace (active or not) subscribes to the type. */
    public boolean hasSubscribers(String workspaceId, String eventType) {
        return index.hasSubscribers(workspaceId, eventType);
    }

    /**
     * A delivery that came back due (a retry, a deferred delivery or a safety net) or was replayed by hand. A safety
     * net re-attempts only if its handed-off attempt never finished here (after a crash, or on another instance: at
     * least once).
     */
    public Mono<Void> due(DeliveryTask task, Lane lane) {
        if (task.safetyNet()) {
            return handOffs.isFinished(task.attemptKey()) ? Mono.empty() : attempt(task.withoutSafetyNet(), lane);
        }
        return attempt(task, lane);
    }

    /**
     * One attempt of a delivery, once its lane has a free slot (until then the consumed record waits, and its
     * consumer stops polling). Over the workspace's rate or with its endpoint saturated, the delivery is deferred to a
     * delay topic without an attempt; with the endpoint's circuit open, the attempt fails at once and is retried on
     * schedule. A delivery to an endpoint that is merely busy waits for one of its calls (see {@link EndpointGuard}).
     * An attempt that has not finished within {@code hand-off-after} is handed off: a safety-net record goes
     * to a delay topic (due after the webhook's timeout) and the returned Mono completes, so the consumed record's
     * offset can be committed and a slow endpoint does not hold back the partition; the call goes on and routes its
     * outcome when it ends.
     */
    Mono<Void> attempt(DeliveryTask task, Lane lane) {
        InFlightLimit slots = lanes.of(lane);
        return slots.acquire().then(Mono.defer(() -> admitted(task, slots)));
    }

    private Mono<Void> admitted(DeliveryTask task, InFlightLimit slots) {
        WebhookConfig webhook = index.webhook(task.webhookId()).orElse(null);
        if (webhook == null || !webhook.isActive()) {
            String why = webhook == null ? "the webhook no longer exists" : "the webhook is " + webhook.status();
            return publisher.route(new DeliveryOutcome.Skipped(
                    record(task, webhook, AttemptOutcome.SKIPPED, null, null, clock.instant(), null, why, DeliveryTracing.traceIdOf(task))))
                    .doFinally(signal -> slots.release());
        }
        if (!workspaces.tryAcquire(task.workspaceId(), webhook.plan())) {
            deferredRateLimited.increment();
            return defer(task, rateLimitDeferFor).doFinally(signal -> slots.release());
        }
        // a wait for the endpoint given up (not expected: the listener never cancels) gives the lane's slot back
        return endpoints.admit(webhook.url()).doOnCancel(slots::release).flatMap(admission -> switch (admission) {
            case EndpointGuard.Admission.Saturated saturated -> {
                deferredSaturated.increment();
                yield defer(task, endpointDeferFor).doFinally(signal -> slots.release());
            }
            case EndpointGuard.Admission.Open open -> {
                circuitOpen.increment();
                ReceiverResponse notSent = ReceiverResponse.failed(0, String.format(java.util.Locale.ROOT,
                        "not sent: the circuit of %s is open (%.0f%% of its recent calls failed); it is tried again after %ds",
                        open.endpoint(), open.failureRatePercent(), open.retryIn().toSeconds()), "circuit_open");
                yield publisher.route(classify(webhook, task, null, notSent, clock.instant(), DeliveryTracing.traceIdOf(task)))
                        .doFinally(signal -> slots.release());
            }
            case EndpointGuard.Admission.Admitted admitted -> {
                EndpointGuard.Permit permit = admitted.permit();
                // RUNNING until either the call ends (FINISHED) or the record is handed off (HANDED_OFF), whichever is first
                AtomicInteger state = new AtomicInteger(RUNNING);
                Mono<Void> call = send(webhook, task, permit)
                        .doOnSuccess(done -> {
                            if (!state.compareAndSet(RUNNING, FINISHED)) {
                                handOffs.finished(task.attemptKey());
                            }
                        })
                        .doFinally(signal -> slots.release())
                        .cache();
                call.subscribe(done -> { }, error -> { });
                Mono<Void> handOff = Mono.defer(() -> {
                    if (!state.compareAndSet(RUNNING, HANDED_OFF)) {
                        return Mono.empty(); // it finished meanwhile: nothing to hand off
                    }
                    permit.handedOff();
                    handedOff.increment();
                    return handOff(webhook, task);
                });
                // an endpoint that already has handed-off calls running is slow: hand this one off at once
                yield permit.endpointIsSlow() ? handOff : call.timeout(handOffAfter, handOff);
            }
        });
    }

    /** Puts a delivery back on a delay topic, unattempted, to be tried after {@code wait}. */
    private Mono<Void> defer(DeliveryTask task, Duration wait) {
        return publisher.later(task.deferredTo(clock.instant().plus(wait)));
    }

    private Mono<Void> handOff(WebhookConfig webhook, DeliveryTask task) {
        Duration wait = Duration.ofMillis(webhook.timeoutMillis()).plus(SAFETY_MARGIN);
        return publisher.later(task.safetyNetAt(clock.instant().plus(wait)));
    }

    private Mono<Void> send(WebhookConfig webhook, DeliveryTask task, EndpointGuard.Permit permit) {
        Instant attemptedAt = clock.instant();
        DeliveryTracing.Attempt traced = tracing.start(task);
        SignedRequest request;
        try {
            request = signer.sign(webhook, task).withHeader(Headers.TRACEPARENT, traced.traceParent());
        } catch (RuntimeException e) {
            // a secret that cannot be decrypted (wrong key) is a failed attempt with a reason, retried like any other
            permit.abandon();
            ReceiverResponse notSent = ReceiverResponse.failed(0, "not sent: " + e.getMessage(), "not_sent");
            traced.end(notSent);
            return publisher.route(classify(webhook, task, null, notSent, attemptedAt, traced.traceId()));
        }
        return receiver.send(request, Duration.ofMillis(webhook.timeoutMillis()))
                .doOnNext(response -> permit.complete(response.statusCode(), response.errorClass(), response.durationMillis()))
                .doOnNext(traced::end)
                .doFinally(signal -> permit.abandon())
                .map(response -> classify(webhook, task, request, response, attemptedAt, traced.traceId()))
                .flatMap(publisher::route);
    }

    private DeliveryOutcome classify(WebhookConfig webhook, DeliveryTask task, SignedRequest request,
                                     ReceiverResponse response, Instant attemptedAt, String traceId) {
        if (response.isSuccess()) {
            return new DeliveryOutcome.Delivered(record(task, webhook, AttemptOutcome.DELIVERED, request, response, attemptedAt, null, null, traceId));
        }
        if (task.attempt() >= webhook.maxAttempts() || Integer.valueOf(GONE).equals(response.statusCode())) {
            // 410 Gone: the receiver says the endpoint is no more; management-api disables the webhook on seeing it
            return new DeliveryOutcome.DeadLettered(
                    record(task, webhook, AttemptOutcome.DEAD_LETTERED, request, response, attemptedAt, null, null, traceId), task);
        }
        Optional<Duration> retryAfter = response.statusCode() != null && RETRY_AFTER_STATUSES.contains(response.statusCode())
                ? RetryPolicy.retryAfter(response.header("Retry-After"), clock.instant()) : Optional.empty();
        RetryPolicy policy = WebhookConfig.FLAVOR_V1.equals(webhook.flavor()) ? v1RetryPolicy : retryPolicy;
        Duration delay = policy.nextDelay(task.attempt(), retryAfter);
        Instant due = clock.instant().plus(delay);
        return new DeliveryOutcome.RetryScheduled(
                record(task, webhook, AttemptOutcome.RETRY_SCHEDULED, request, response, attemptedAt, due, null, traceId),
                task.nextAttemptAt(due));
    }

    private static AttemptRecord record(DeliveryTask task, WebhookConfig webhook, AttemptOutcome outcome,
                                        SignedRequest request, ReceiverResponse response, Instant attemptedAt, Instant next,
                                        String skipReason, String traceId) {
        String error = response == null ? skipReason : response.error();
        return new AttemptRecord(task.deliveryId(), task.webhookId(), task.workspaceId(), task.event().id(),
                task.event().type(), task.attempt(), webhook == null ? task.attempt() : webhook.maxAttempts(), outcome,
                request == null ? (webhook == null ? null : webhook.url()) : request.url(),
                response == null ? null : response.statusCode(),
                response == null ? 0 : response.durationMillis(), error, response == null ? null : response.errorClass(),
                request == null ? Map.of() : CustomHeaders.redacted(request.headers()), response == null ? Map.of() : response.headers(),
                response == null ? null : response.body(), response != null && response.truncated(), attemptedAt, next, false,
                // the body once a delivery: later attempts send the same bytes, so the log keeps the first attempt's
                request == null || task.attempt() != 1 ? null : new String(request.body(), java.nio.charset.StandardCharsets.UTF_8),
                traceId);
    }
}
