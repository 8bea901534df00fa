package com.penguinmails.webhooks.management.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/** A row of the {@code webhooks} table. Never serialised as JSON: {@link WebhookView} is the API's shape. */
record WebhookRow(
        String id,
        String workspaceId,
        String name,
        String description,
        String url,
        List<String> eventTypes,
        String status,
        long timeoutMillis,
        int maxAttempts,
        boolean retriesEnabled,
        String flavor,
        JsonNode filters,
        Map<String, String> headers,
        boolean failing,
        int consecutiveFailures,
        Instant createdAt,
        Instant updatedAt,
        String createdBy) {

    /** The attempts the dispatcher may make: one when retries are off. */
    int effectiveMaxAttempts() {
        return retriesEnabled ? maxAttempts : 1;
    }
}
