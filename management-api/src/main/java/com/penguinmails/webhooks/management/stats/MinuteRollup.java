package com.penguinmails.webhooks.management.stats;

/**
 * What one batch adds to one webhook's minute: the increments of a {@code delivery_stats_minutes} row.
 *
 * @param latencyBuckets attempts per {@link LatencyHistogram} bucket
 */
record MinuteRollup(String workspaceId, String webhookId, java.time.Instant minute, int sent, int delivered, int failed,
                    int deadLettered, long durationSumMillis, long maxDurationMillis, int[] latencyBuckets) {
}
