package com.penguinmails.webhooks.model;

import java.time.Instant;
import java.util.Map;

/**
 * The outcome of one attempt, published by the dispatcher to {@link Topics#ATTEMPTS}; management-api turns these
 * into the delivery log.
 *
 * @param deliveryId      {@code dlv_…}; also the record key, so attempts of one delivery stay in order
 * @param webhookId       the target webhook
 * @param workspaceId     the workspace of the event
 * @param eventId         the event sent
 * @param eventType       its type
 * @param attempt         the attempt number, 1 for the first
 * @param maxAttempts     the attempts the webhook allows in all
 * @param outcome         what happened and what comes next
 * @param url             the URL the request went to
 * @param statusCode      the HTTP status, or null where no response came
 * @param durationMillis  from the start of the request to the end of the response (or the failure)
 * @param error           a person-readable reason for a failure, or null
 * @param errorClass      the kind of failure: {@code timeout}, {@code dns}, {@code tls}, {@code connection_refused},
 *                        {@code connection}, {@code refused_target}, {@code http_status}, {@code not_sent}; null on success
 * @param requestHeaders  the headers sent
 * @param responseHeaders the headers received (at most {@link #RESPONSE_HEADERS_MAX} of them)
 * @param responseBody    the start of the response body, at most {@link #RESPONSE_BODY_MAX_BYTES} bytes
 * @param responseTruncated whether the body was longer than what is kept
 * @param attemptedAt     when the request started
 * @param nextAttemptAt   when the next attempt is due, for {@link AttemptOutcome#RETRY_SCHEDULED}
 * @param test            whether this was a test send asked for through the API (spec 001 "Test Mode"): logged, but
 *                        never retried and never counted in the webhook's health or stats
 * @param requestBody     the body sent, byte for byte (UTF-8), on a delivery's first attempt and on a test; null on
 *                        later attempts (the same body again) and where nothing was sent
 * @param traceId         the W3C trace id (32 hex digits) the attempt's POST carried in {@code traceparent}, the same
 *                        as ingest's for the event, so the delivery log leads to the trace; null when unknown
 */
public record AttemptRecord(
        String deliveryId,
        String webhookId,
        String workspaceId,
        String eventId,
        String eventType,
        int attempt,
        int maxAttempts,
        AttemptOutcome outcome,
        String url,
        Integer statusCode,
        long durationMillis,
        String error,
        String errorClass,
        Map<String, String> requestHeaders,
        Map<String, String> responseHeaders,
        String responseBody,
        boolean responseTruncated,
        Instant attemptedAt,
        Instant nextAttemptAt,
        boolean test,
        String requestBody,
        String traceId) {

    /** An attempt outside any trace. */
    public AttemptRecord(String deliveryId, String webhookId, String workspaceId, String eventId, String eventType,
                         int attempt, int maxAttempts, AttemptOutcome outcome, String url, Integer statusCode,
                         long durationMillis, String error, String errorClass, Map<String, String> requestHeaders,
                         Map<String, String> responseHeaders, String responseBody, boolean responseTruncated,
                         Instant attemptedAt, Instant nextAttemptAt, boolean test, String requestBody) {
        this(deliveryId, webhookId, workspaceId, eventId, eventType, attempt, maxAttempts, outcome, url, statusCode,
                durationMillis, error, errorClass, requestHeaders, responseHeaders, responseBody, responseTruncated,
                attemptedAt, nextAttemptAt, test, requestBody, null);
    }

    /** How much of a response body is kept. */
    public static final int RESPONSE_BODY_MAX_BYTES = 16 * 1024;
    /** How many response headers are kept. */
    public static final int RESPONSE_HEADERS_MAX = 50;
}
