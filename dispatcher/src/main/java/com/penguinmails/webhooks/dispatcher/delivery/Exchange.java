package com.penguinmails.webhooks.dispatcher.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import com.penguinmails.webhooks.model.AttemptOutcome;
import com.penguinmails.webhooks.model.AttemptRecord;
import com.penguinmails.webhooks.model.CustomHeaders;
import com.penguinmails.webhooks.model.DeliveryTask;
import com.penguinmails.webhooks.model.WebhookConfig;

/**
 * One attempt as it goes down {@link DeliveryPipeline}'s road and as the delivery log records it: the delivery, its
 * webhook, when the attempt started and under which trace, then the request signed and the answer. Each outcome's
 * attempt record comes from one factory method.
 *
 * @param webhook  the webhook; null when it no longer exists (a skipped delivery)
 * @param request  what was sent; null when nothing was (not signed, circuit open, skipped)
 * @param response what came back, or why nothing did; null until then
 */
record Exchange(DeliveryTask task, WebhookConfig webhook, Instant attemptedAt, String traceId,
                SignedRequest request, ReceiverResponse response) {

    static Exchange start(DeliveryTask task, WebhookConfig webhook, Instant attemptedAt, String traceId) {
        return new Exchange(task, webhook, attemptedAt, traceId, null, null);
    }

    Exchange signed(SignedRequest signedRequest) {
        return new Exchange(task, webhook, attemptedAt, traceId, signedRequest, response);
    }

    Exchange answered(ReceiverResponse answer) {
        return new Exchange(task, webhook, attemptedAt, traceId, request, answer);
    }

    /** Whether this is the webhook's last attempt at the delivery. */
    boolean isLastAttempt() {
        return task.attempt() >= webhook.maxAttempts();
    }

    DeliveryOutcome.Delivered delivered() {
        return new DeliveryOutcome.Delivered(record(AttemptOutcome.DELIVERED, null));
    }

    DeliveryOutcome.DeadLettered deadLettered() {
        return new DeliveryOutcome.DeadLettered(record(AttemptOutcome.DEAD_LETTERED, null), task);
    }

    /** A failed attempt whose next one is due at {@code due}. */
    DeliveryOutcome.RetryScheduled retryAt(Instant due) {
        return new DeliveryOutcome.RetryScheduled(record(AttemptOutcome.RETRY_SCHEDULED, due), task.nextAttemptAt(due));
    }

    /** No request made, for the reason given. */
    DeliveryOutcome.Skipped skipped(String why) {
        return new DeliveryOutcome.Skipped(answered(ReceiverResponse.failed(0, why, null)).record(AttemptOutcome.SKIPPED, null));
    }

    private AttemptRecord record(AttemptOutcome outcome, Instant nextAttemptAt) {
        return new AttemptRecord(task.deliveryId(), task.webhookId(), task.workspaceId(), task.event().id(),
                task.event().type(), task.attempt(), webhook == null ? task.attempt() : webhook.maxAttempts(), outcome,
                request != null ? request.url() : webhook == null ? null : webhook.url(),
                response.statusCode(), response.durationMillis(), response.error(), response.errorClassName(),
                request == null ? Map.of() : CustomHeaders.redacted(request.headers()), response.headers(),
                response.body(), response.truncated(), attemptedAt, nextAttemptAt, false, requestBody(), traceId);
    }

    /** The body once a delivery: later attempts send the same bytes, so the log keeps the first attempt's. */
    private String requestBody() {
        return request == null || task.attempt() != 1 ? null : new String(request.body(), StandardCharsets.UTF_8);
    }
}
