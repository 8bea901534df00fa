package com.penguinmails.webhooks.management.v1;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import com.penguinmails.webhooks.management.webhook.WebhookSummary;

/**
 * A webhook as spec 003 shows it: {@code id}, {@code url}, {@code events} (short names), {@code active} and
 * {@code created_at}. {@code secret} appears only in the answer to a create that generated it, the one time it is shown.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record V1WebhookView(String id, String url, List<String> events, boolean active, Instant createdAt, String secret) {

    /** {@code active} is false for a paused webhook, and for one the health policy disabled. */
    static V1WebhookView of(WebhookSummary webhook, String generatedSecret) {
        return new V1WebhookView(webhook.id(), webhook.url(),
                webhook.eventTypes().stream().map(V1EventNames::shortName).toList(),
                webhook.status().equals("active"), webhook.createdAt(), generatedSecret);
    }

}
