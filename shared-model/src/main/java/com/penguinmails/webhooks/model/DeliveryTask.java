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
 */
public record DeliveryTask(
        String deliveryId,
        String webhookId,
        String workspaceId,
        EventEnvelope event,
        int attempt,
        Instant dueAt) {

    /** The same delivery, to be attempted once more at {@code when}. */
    public DeliveryTask nextAttemptAt(Instant when) {
        return new DeliveryTask(deliveryId, webhookId, workspaceId, event, attempt + 1, when);
    }
}
