package com.penguinmails.webhooks.model;

import java.time.Instant;

/**
 * One delivery of one event to one webhook that still has to be attempted: the value on the delay topics and on
 * {@link Topics#DELIVERIES_DUE}.
 *
 * @param deliveryId  {@code dlv_…}, stable across retries
 * @param webhookId   the target webhook
 * @param workspaceId the workspace of the event
 * @param event       the event to send
 * @param attempt     the number of the attempt to make, 1 for the first
 * @param dueAt       when the attempt may be made
 * @param safetyNet   true for the record the dispatcher leaves on a delay topic when it hands a slow attempt off: when
 *                    it comes due, the attempt is made again only if the handed-off one never finished (a crash)
 * @param hopDueAt    when the record falls due on the delay topic it is on, one leg of a longer wait (see
 *                    {@code DelayTiers}); null once it is due
 * @param traceParent the W3C {@code traceparent} of the event's trace (from ingest, or from the producer), carried
 *                    through retries so every attempt's POST continues it; null for deliveries from before tracing
 */
public record DeliveryTask(
        String deliveryId,
        String webhookId,
        String workspaceId,
        EventEnvelope event,
        int attempt,
        Instant dueAt,
        boolean safetyNet,
        Instant hopDueAt,
        String traceParent) {

    /** A delivery outside any trace (a manual retry, a replay): its POST starts a new one. */
    public DeliveryTask(String deliveryId, String webhookId, String workspaceId, EventEnvelope event, int attempt, Instant dueAt) {
        this(deliveryId, webhookId, workspaceId, event, attempt, dueAt, null);
    }

    public DeliveryTask(String deliveryId, String webhookId, String workspaceId, EventEnvelope event, int attempt,
                        Instant dueAt, String traceParent) {
        this(deliveryId, webhookId, workspaceId, event, attempt, dueAt, false, null, traceParent);
    }

    /** This task on its way to {@code dueAt}, on a leg that ends at {@code hop}. */
    public DeliveryTask onHopUntil(Instant hop) {
        return new DeliveryTask(deliveryId, webhookId, workspaceId, event, attempt, dueAt, safetyNet, hop, traceParent);
    }

    /** The same delivery, to be attempted once more at {@code when}. */
    public DeliveryTask nextAttemptAt(Instant when) {
        return new DeliveryTask(deliveryId, webhookId, workspaceId, event, attempt + 1, when, traceParent);
    }

    /** The same attempt, deferred to {@code when} without being made (endpoint saturated, workspace over its rate). */
    public DeliveryTask deferredTo(Instant when) {
        return new DeliveryTask(deliveryId, webhookId, workspaceId, event, attempt, when, false, null, traceParent);
    }

    /** The safety-net record of this attempt, due at {@code when}. */
    public DeliveryTask safetyNetAt(Instant when) {
        return new DeliveryTask(deliveryId, webhookId, workspaceId, event, attempt, when, true, null, traceParent);
    }

    /** This attempt as a plain task again (the safety net fired). */
    public DeliveryTask withoutSafetyNet() {
        return new DeliveryTask(deliveryId, webhookId, workspaceId, event, attempt, dueAt, false, null, traceParent);
    }

    /** Identifies one attempt of one delivery. */
    public String attemptKey() {
        return deliveryId + "#" + attempt;
    }
}
