package com.penguinmails.webhooks.management.webhook;

import java.time.Instant;
import java.util.List;

/**
 * The settings of a webhook that other packages (the compact {@code /v1} API) shape into their own answers, so that
 * table rows stay in this package.
 *
 * @param eventTypes the catalog names it receives, e.g. {@code email.delivered}
 * @param status     {@code active}, {@code paused} or {@code disabled}
 */
public record WebhookSummary(String id, String url, List<String> eventTypes, String status, Instant createdAt) {

    static WebhookSummary of(WebhookRow row) {
        return new WebhookSummary(row.id(), row.url(), row.eventTypes(), row.status(), row.createdAt());
    }
}
