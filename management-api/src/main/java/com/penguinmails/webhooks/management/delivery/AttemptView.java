package com.penguinmails.webhooks.management.delivery;

import java.time.Instant;
import java.util.Map;

/**
 * One attempt of a delivery: the request as sent and what came back (the body cut at 16 KiB, flagged), and the W3C
 * trace id its POST carried ({@code traceparent}), to find the event's trace in the tracing backend.
 */
public record AttemptView(
        int attempt,
        String outcome,
        String url,
        Integer statusCode,
        long durationMs,
        String error,
        String errorClass,
        Map<String, String> requestHeaders,
        Map<String, String> responseHeaders,
        String responseBody,
        boolean responseTruncated,
        Instant attemptedAt,
        Instant nextAttemptAt,
        String traceId) {
}
