package com.penguinmails.webhooks.management.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A webhook as the API shows it. {@code secret} is present only in the answer to its creation, {@code replayed_skipped}
 * only in the answer to a resume that asked for it. {@code created_by} is a dashboard user's e-mail address or
 * {@code API key <name> (<prefix>…)}; absent for webhooks created before it was recorded.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WebhookView(
        String id,
        String name,
        String description,
        String url,
        List<String> events,
        String status,
        int timeoutSeconds,
        int maxRetries,
        boolean retriesEnabled,
        JsonNode filters,
        Map<String, String> headers,
        boolean failing,
        int consecutiveFailures,
        Instant createdAt,
        String createdBy,
        Instant updatedAt,
        String secret,
        Long replayedSkipped) {

    static WebhookView of(WebhookRow row, String secret) {
        return new WebhookView(row.id(), row.name(), row.description(), row.url(), row.eventTypes(), row.status(),
                (int) (row.timeoutMillis() / 1000), row.maxAttempts() - 1, row.retriesEnabled(), row.filters(), row.headers(), row.failing(),
                row.consecutiveFailures(), row.createdAt(), row.createdBy(), row.updatedAt(), secret, null);
    }

    /** The answer to a resume that also replayed the deliveries skipped while the webhook was paused. */
    WebhookView withReplayedSkipped(long replayed) {
        return new WebhookView(id, name, description, url, events, status, timeoutSeconds, maxRetries, retriesEnabled, filters, headers, failing,
                consecutiveFailures, createdAt, createdBy, updatedAt, secret, replayed);
    }
}
