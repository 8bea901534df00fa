package com.penguinmails.webhooks.model;

/**
 * A test send (spec 001 "Test Mode"), from management-api to whichever dispatcher takes it from {@link Topics#TESTS}:
 * sign this event for the webhook and send it once, now, then answer on {@link Topics#TEST_RESULTS}.
 *
 * @param requestId   {@code tst_…}; the answer's key, by which management-api finds the caller waiting for it
 * @param deliveryId  the delivery id the test is sent and logged under
 * @param webhookId   the webhook to send to, as the dispatcher knows it from {@link Topics#CONFIG}
 * @param workspaceId the webhook's workspace
 * @param event       the event to send
 */
public record TestSendRequest(String requestId, String deliveryId, String webhookId, String workspaceId, EventEnvelope event) {
}
