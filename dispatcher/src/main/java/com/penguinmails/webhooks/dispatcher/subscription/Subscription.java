package com.penguinmails.webhooks.dispatcher.subscription;

import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.WebhookConfig;
import com.penguinmails.webhooks.model.filter.WebhookFilter;

/** A webhook with its filters compiled once, when its config arrives. */
public record Subscription(WebhookConfig webhook, WebhookFilter filter) {

    /** Whether the event passes the webhook's filters; a webhook whose filter could not be compiled matches nothing. */
    public boolean matches(String workspaceId, EventEnvelope event) {
        return filter != null && filter.matches(workspaceId, event);
    }
}
