package com.penguinmails.webhooks.management.stats;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The overview's metric cards (spec 004 "Overview Stats").
 *
 * @param totalWebhooks   every webhook of the workspace, whatever its status
 * @param activeWebhooks  those in status {@code active}
 * @param failingWebhooks those marked failing by the health policy (also when since disabled by it)
 * @param today           the UTC day of {@code delivered_today}
 * @param deliveredToday  attempts delivered (2xx) since 00:00 UTC today
 * @param since           the first minute of the last 24 hours
 * @param until           the end of the current minute: the last 24 hours are [since, until)
 * @param sent24h         attempts that made a request in the last 24 hours
 * @param delivered24h    of those, delivered
 * @param successRate24h  delivered / sent in percent, rounded down to two decimals; null when nothing was sent
 */
public record WorkspaceStatsView(
        long totalWebhooks,
        long activeWebhooks,
        long failingWebhooks,
        LocalDate today,
        long deliveredToday,
        Instant since,
        Instant until,
        @JsonProperty("sent_24h") long sent24h,
        @JsonProperty("delivered_24h") long delivered24h,
        @JsonProperty("success_rate_24h") Double successRate24h) {
}
