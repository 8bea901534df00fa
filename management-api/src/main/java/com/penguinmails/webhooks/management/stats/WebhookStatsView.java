package com.penguinmails.webhooks.management.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A webhook's details-page stats (spec 004 "Delivery Stats", "Success Rate Chart", "Response Time Chart"). Every
 * count is of attempts that made a request: a delivery that failed twice and then got through counts 3 sent,
 * 1 delivered, 2 failed. Response times cover every such attempt, failures (timeouts) included.
 *
 * @param webhookId   the webhook
 * @param last24Hours totals of the last 24 hours
 * @param daily       the last 7 UTC days, oldest first, today last; days without attempts included, with zeros
 */
public record WebhookStatsView(String webhookId, @JsonProperty("last_24_hours") Last24Hours last24Hours, List<Daily> daily) {

    /**
     * @param since          the first minute counted
     * @param until          the end of the current minute: the span is [since, until)
     * @param sent           attempts that made a request
     * @param delivered      of those, answered 2xx
     * @param failed         of those, failed (then retried or dead-lettered): sent = delivered + failed
     * @param deadLettered   of the failed, those after which no attempt was left
     * @param successRate    delivered / sent in percent, rounded down to two decimals; null when nothing was sent
     * @param avgResponseMs  mean duration in ms; null when nothing was sent
     * @param p95ResponseMs  95th percentile from the rollups' buckets: the upper bound of the bucket that holds it
     *                       (at most 1.67 times the exact value) or the longest duration, if shorter; null when nothing was sent
     */
    public record Last24Hours(Instant since, Instant until, long sent, long delivered, long failed, long deadLettered,
                       Double successRate, Long avgResponseMs, Long p95ResponseMs) {
    }

    /** One UTC day; the fields as in {@link Last24Hours}. */
    public record Daily(LocalDate date, long sent, long delivered, long failed, Double successRate, Long avgResponseMs,
                 Long p95ResponseMs) {
    }
}
