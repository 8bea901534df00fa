package com.penguinmails.webhooks.management.delivery;

import reactor.core.publisher.Mono;

/** What the delivery log may change about a webhook: its status, when a receiver's answers say so. */
public interface WebhookStatusChanges {

    /** Sets the webhook to {@code disabled} and publishes the change; nothing when it no longer exists. */
    Mono<Void> disable(String workspaceId, String webhookId);
}
