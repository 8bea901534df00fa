package com.penguinmails.webhooks.management.delivery;

import java.time.Instant;
import java.util.Map;

/** One attempt of a delivery: the request as sent and what came back. */
record AttemptView(
        int attempt,
        String outcome,
        String url,
        Integer statusCode,
        long durationMs,
        String error,
        Map<String, String> requestHeaders,
        String responseBody,
        Instant attemptedAt,
        Instant nextAttemptAt) {
}
