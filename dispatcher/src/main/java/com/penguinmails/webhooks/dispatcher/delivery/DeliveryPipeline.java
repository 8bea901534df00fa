package com.penguinmails.webhooks.dispatcher.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.dispatcher.DispatcherProperties;
import com.penguinmails.webhooks.dispatcher.subscription.SubscriptionIndex;
import com.penguinmails.webhooks.model.AttemptOutcome;
import com.penguinmails.webhooks.model.AttemptRecord;
import com.penguinmails.webhooks.model.DeliveryTask;
import com.penguinmails.webhooks.model.EventEnvelope;
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

    private final SubscriptionIndex index;
    private final RequestSigner signer;
    private final ReceiverClient receiver;
    private final OutcomePublisher publisher;
    private final RetryPolicy retryPolicy;
    private final Clock clock;

    DeliveryPipeline(SubscriptionIndex index, RequestSigner signer, ReceiverClient receiver, OutcomePublisher publisher,
                     DispatcherProperties properties, Clock clock) {
        this.index = index;
        this.signer = signer;
        this.receiver = receiver;
        this.publisher = publisher;
        this.retryPolicy = new RetryPolicy(properties.retryDelays());
        this.clock = clock;
    }

    /** A new event: one first attempt per subscribed webhook of its workspace. */
    public Mono<Void> dispatch(String workspaceId, EventEnvelope event) {
        Instant now = clock.instant();
        return Flux.fromIterable(index.subscribers(workspaceId, event.type()))
                .map(webhook -> new DeliveryTask(Ids.deliveryId(event.id(), webhook.id()), webhook.id(), workspaceId, event, 1, now))
                .flatMap(this::attempt)
                .then();
    }

    /** Whether any webhook of the workspace (active or not) subscribes to the type. */
    public boolean hasSubscribers(String workspaceId, String eventType) {
        return !index.subscribers(workspaceId, eventType).isEmpty();
    }

    /** One attempt of a delivery (a first attempt, or a retry that came back due). */
    public Mono<Void> attempt(DeliveryTask task) {
        WebhookConfig webhook = index.webhook(task.webhookId()).orElse(null);
        if (webhook == null || !webhook.isActive()) {
            String why = webhook == null ? "the webhook no longer exists" : "the webhook is " + webhook.status();
            return publisher.route(new DeliveryOutcome.Skipped(
                    record(task, webhook, AttemptOutcome.SKIPPED, null, null, clock.instant(), null, why)));
        }
        Instant attemptedAt = clock.instant();
        SignedRequest request;
        try {
            request = signer.sign(webhook, task);
        } catch (RuntimeException e) {
            // a secret that cannot be decrypted (wrong key) is a failed attempt with a reason, retried like any other
            return publisher.route(classify(webhook, task, null,
                    new ReceiverResponse(null, null, 0, "not sent: " + e.getMessage()), attemptedAt));
        }
        return receiver.send(request, Duration.ofMillis(webhook.timeoutMillis()))
                .map(response -> classify(webhook, task, request, response, attemptedAt))
                .flatMap(publisher::route);
    }

    private DeliveryOutcome classify(WebhookConfig webhook, DeliveryTask task, SignedRequest request,
                                     ReceiverResponse response, Instant attemptedAt) {
        if (response.isSuccess()) {
            return new DeliveryOutcome.Delivered(record(task, webhook, AttemptOutcome.DELIVERED, request, response, attemptedAt, null, null));
        }
        if (task.attempt() >= webhook.maxAttempts()) {
            return new DeliveryOutcome.DeadLettered(
                    record(task, webhook, AttemptOutcome.DEAD_LETTERED, request, response, attemptedAt, null, null), task);
        }
        Duration delay = retryPolicy.delayAfter(task.attempt());
        Instant due = clock.instant().plus(delay);
        return new DeliveryOutcome.RetryScheduled(
                record(task, webhook, AttemptOutcome.RETRY_SCHEDULED, request, response, attemptedAt, due, null),
                task.nextAttemptAt(due), RetryPolicy.tierFor(delay));
    }

    private static AttemptRecord record(DeliveryTask task, WebhookConfig webhook, AttemptOutcome outcome,
                                        SignedRequest request, ReceiverResponse response, Instant attemptedAt, Instant next,
                                        String skipReason) {
        String error = response == null ? skipReason : response.error();
        if (error == null && response != null && !response.isSuccess()) {
            error = "HTTP " + response.statusCode();
        }
        return new AttemptRecord(task.deliveryId(), task.webhookId(), task.workspaceId(), task.event().id(),
                task.event().type(), task.attempt(), webhook == null ? task.attempt() : webhook.maxAttempts(), outcome,
                request == null ? (webhook == null ? null : webhook.url()) : request.url(),
                response == null ? null : response.statusCode(),
                response == null ? 0 : response.durationMillis(), error,
                request == null ? Map.of() : request.headers(),
                response == null ? null : response.body(), attemptedAt, next);
    }
}
