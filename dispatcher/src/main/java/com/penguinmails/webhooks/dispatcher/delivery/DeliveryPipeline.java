package com.penguinmails.webhooks.dispatcher.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.dispatcher.DispatcherProperties;
import com.penguinmails.webhooks.dispatcher.delivery.DeliveryOutcome.Deferred;
import com.penguinmails.webhooks.dispatcher.delivery.DeliveryOutcome.HandedOff;
import com.penguinmails.webhooks.dispatcher.limits.DeliveryLanes;
import com.penguinmails.webhooks.dispatcher.limits.EndpointGuard;
import com.penguinmails.webhooks.dispatcher.limits.EndpointGuard.Admission;
import com.penguinmails.webhooks.dispatcher.limits.EndpointGuard.Permit;
import com.penguinmails.webhooks.dispatcher.limits.InFlightLimit;
import com.penguinmails.webhooks.dispatcher.limits.Lane;
import com.penguinmails.webhooks.dispatcher.limits.WorkspaceLimits;
import com.penguinmails.webhooks.dispatcher.subscription.Subscription;
import com.penguinmails.webhooks.dispatcher.subscription.SubscriptionIndex;
import com.penguinmails.webhooks.model.DeliveryTask;
import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.Headers;
import com.penguinmails.webhooks.model.Ids;
import com.penguinmails.webhooks.model.WebhookConfig;
import com.penguinmails.webhooks.model.delivery.ErrorClass;
import com.penguinmails.webhooks.model.delivery.ResponseClassifier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The dispatcher's road, top to bottom: match → admit → sign → send → classify → route. Each attempt is one
 * {@code Mono<DeliveryOutcome>} (delivered, retry scheduled, dead-lettered, skipped, deferred or handed off) that ends
 * in {@link OutcomePublisher#route}, the pipeline's only way to Kafka; what a receiver's answer means is
 * {@link ResponseClassifier}'s to say. Each returned Mono completes once the outcome is acknowledged by the broker, and
 * only then is the consumed record's offset committed.
 */
@Component
public class DeliveryPipeline {

    /** Margin of a safety net beyond the webhook's timeout. */
    private static final Duration SAFETY_MARGIN = Duration.ofSeconds(10);

    private final SubscriptionIndex index;
    private final DeliveryLanes lanes;
    private final WorkspaceLimits workspaces;
    private final EndpointGuard endpoints;
    private final RequestSigner signer;
    private final DeliveryTracing tracing;
    private final ReceiverClient receiver;
    private final RetryPolicy platformRetries;
    private final RetryPolicy v1Retries;
    private final OutcomePublisher publisher;
    private final HandOffs handOffs;
    private final DispatcherProperties settings;
    private final Clock clock;

    DeliveryPipeline(SubscriptionIndex index, DeliveryLanes lanes, WorkspaceLimits workspaces, EndpointGuard endpoints,
                     RequestSigner signer, DeliveryTracing tracing, ReceiverClient receiver, OutcomePublisher publisher,
                     HandOffs handOffs, DispatcherProperties settings, Clock clock) {
        this.index = index;
        this.lanes = lanes;
        this.workspaces = workspaces;
        this.endpoints = endpoints;
        this.signer = signer;
        this.tracing = tracing;
        this.receiver = receiver;
        this.platformRetries = new RetryPolicy(settings.retryDelays(), settings.retryJitter(), ThreadLocalRandom.current());
        this.v1Retries = new RetryPolicy(settings.v1RetryDelays(), settings.retryJitter(), ThreadLocalRandom.current());
        this.publisher = publisher;
        this.handOffs = handOffs;
        this.settings = settings;
        this.clock = clock;
    }

    /** Match: a new event gets one first attempt per webhook of its workspace that subscribes to its type and whose filters pass. */
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
     * consumer stops polling): admit → sign → send → classify, then route the outcome.
     */
    Mono<Void> attempt(DeliveryTask task, Lane lane) {
        InFlightLimit slots = lanes.of(lane);
        return slots.acquire().then(Mono.defer(() -> {
            HandOffRace race = new HandOffRace(slots);
            return admit(task, race)
                    .flatMap(publisher::route)
                    .doFinally(signal -> race.roadEnded());
        }));
    }

    /**
     * Admit: a webhook no longer active is skipped; over its workspace's rate, or with its endpoint saturated, the
     * delivery is deferred to a delay topic without an attempt; with the endpoint's circuit open, the attempt fails at
     * once and is retried on schedule. A delivery to an endpoint that is merely busy waits for one of its calls (see
     * {@link EndpointGuard}).
     */
    private Mono<DeliveryOutcome> admit(DeliveryTask task, HandOffRace race) {
        WebhookConfig webhook = index.webhook(task.webhookId()).orElse(null);
        if (webhook == null || !webhook.isActive()) {
            String why = webhook == null ? "the webhook no longer exists" : "the webhook is " + webhook.status();
            return Mono.just(Exchange.start(task, webhook, clock.instant(), DeliveryTracing.traceIdOf(task)).skipped(why));
        }
        if (!workspaces.tryAcquire(task.workspaceId(), webhook.plan())) {
            return Mono.just(deferred(task, Deferred.Reason.WORKSPACE_RATE_LIMITED, settings.rateLimits().deferFor()));
        }
        return endpoints.admit(webhook.url()).flatMap(admission -> switch (admission) {
            case Admission.Saturated saturated ->
                    Mono.just(deferred(task, Deferred.Reason.ENDPOINT_SATURATED, settings.endpoints().deferFor()));
            case Admission.Open open -> Mono.just(classify(Exchange.start(task, webhook, clock.instant(),
                    DeliveryTracing.traceIdOf(task)).answered(circuitOpen(open))));
            case Admission.Admitted admitted -> call(task, webhook, admitted.permit(), race);
        });
    }

    /**
     * The admitted call: sign → send → classify, raced against its hand-off. The record waits for the call's outcome
     * up to {@code hand-off-after}; a call still running then is handed off: the road routes its safety net (due
     * after the webhook's timeout) and moves on, so a slow endpoint does not hold back the partition, and the call
     * routes its own outcome when it ends, remembered in {@link HandOffs} so that the safety net is dropped.
     */
    private Mono<DeliveryOutcome> call(DeliveryTask task, WebhookConfig webhook, Permit permit, HandOffRace race) {
        race.start(sign(task, webhook, permit),
                lateOutcome -> publisher.route(lateOutcome).doOnSuccess(done -> handOffs.finished(task.attemptKey())));
        Mono<DeliveryOutcome> handOff = race.handOff(() -> handedOff(task, webhook, permit));
        // an endpoint that already has handed-off calls running is slow: hand this one off at once
        return permit.endpointIsSlow() ? handOff : race.outcome().timeout(settings.handOffAfter(), handOff);
    }

    /** Sign: a secret that cannot be decrypted (wrong key) is a failed attempt with a reason, retried like any other. */
    private Mono<DeliveryOutcome> sign(DeliveryTask task, WebhookConfig webhook, Permit permit) {
        DeliveryTracing.Attempt traced = tracing.start(task);
        Exchange exchange = Exchange.start(task, webhook, clock.instant(), traced.traceId());
        SignedRequest request;
        try {
            request = signer.sign(webhook, task).withHeader(Headers.TRACEPARENT, traced.traceParent());
        } catch (RuntimeException e) {
            permit.abandon();
            ReceiverResponse notSent = ReceiverResponse.failed(0, "not sent: " + e.getMessage(), ErrorClass.NOT_SENT);
            traced.end(notSent);
            return Mono.just(classify(exchange.answered(notSent)));
        }
        return send(exchange.signed(request), permit, traced);
    }

    /** Send: the answer (or the failure) ends the call for the endpoint's guard and for the trace. */
    private Mono<DeliveryOutcome> send(Exchange exchange, Permit permit, DeliveryTracing.Attempt traced) {
        return receiver.send(exchange.request(), Duration.ofMillis(exchange.webhook().timeoutMillis()))
                .doOnNext(response -> permit.complete(response.statusCode(), response.errorClass(), response.durationMillis()))
                .doOnNext(traced::end)
                .doFinally(signal -> permit.abandon())
                .map(response -> classify(exchange.answered(response)));
    }

    /**
     * Classify, as {@link ResponseClassifier#verdict} reads the answer: a 2xx is delivered; a 410 Gone is
     * dead-lettered at once (management-api disables the webhook on seeing it); anything else is retried while
     * attempts are left and dead-lettered after the last.
     */
    private DeliveryOutcome classify(Exchange exchange) {
        return switch (ResponseClassifier.verdict(exchange.response().statusCode())) {
            case DELIVERED -> exchange.delivered();
            case GONE -> exchange.deadLettered();
            case RETRY -> exchange.isLastAttempt() ? exchange.deadLettered() : exchange.retryAt(clock.instant().plus(retryDelay(exchange)));
        };
    }

    /**
     * The wait before the next attempt: the webhook's schedule (the {@code /v1} one for {@code /v1} webhooks) with
     * jitter, or the receiver's {@code Retry-After} (capped at 24 h) where it is later and
     * {@link ResponseClassifier#honoursRetryAfter} (a 429 or a 503).
     */
    private Duration retryDelay(Exchange exchange) {
        ReceiverResponse response = exchange.response();
        Optional<Duration> retryAfter = ResponseClassifier.honoursRetryAfter(response.statusCode())
                ? RetryPolicy.retryAfter(response.header("Retry-After"), clock.instant()) : Optional.empty();
        RetryPolicy schedule = WebhookConfig.FLAVOR_V1.equals(exchange.webhook().flavor()) ? v1Retries : platformRetries;
        return schedule.nextDelay(exchange.task().attempt(), retryAfter);
    }

    private Deferred deferred(DeliveryTask task, Deferred.Reason reason, Duration wait) {
        return new Deferred(task, reason, clock.instant().plus(wait));
    }

    /** The safety net is due after the webhook's timeout and a margin: by then the call has ended, or never will. */
    private HandedOff handedOff(DeliveryTask task, WebhookConfig webhook, Permit permit) {
        permit.handedOff();
        return new HandedOff(task, clock.instant().plus(Duration.ofMillis(webhook.timeoutMillis())).plus(SAFETY_MARGIN));
    }

    private static ReceiverResponse circuitOpen(Admission.Open open) {
        return ReceiverResponse.failed(0, String.format(Locale.ROOT,
                "not sent: the circuit of %s is open (%.0f%% of its recent calls failed); it is tried again after %ds",
                open.endpoint(), open.failureRatePercent(), open.retryIn().toSeconds()), ErrorClass.CIRCUIT_OPEN);
    }
}
