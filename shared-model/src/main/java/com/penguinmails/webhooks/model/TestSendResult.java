package com.penguinmails.webhooks.model;

import java.time.Instant;
import java.util.Map;

/**
 * What came of a test send: the request exactly as sent and the response as received, or why there was none.
 *
 * @param requestId         the {@link TestSendRequest#requestId()} it answers
 * @param deliveryId        the delivery id it was sent and logged under
 * @param url               where it went
 * @param requestHeaders    the headers sent (an {@code Authorization} value redacted)
 * @param requestBody       the body sent, byte for byte (UTF-8)
 * @param statusCode        the HTTP status, or null where no response came
 * @param responseHeaders   the headers received (lower-case names)
 * @param responseBody      the start of the response body, at most {@link AttemptRecord#RESPONSE_BODY_MAX_BYTES}
 * @param responseTruncated whether the body was longer than that
 * @param durationMillis    from the start of the request to the end of the response or the failure
 * @param error             why it failed, or null on a 2xx
 * @param errorClass        the kind of failure (see {@link AttemptRecord#errorClass()}), or null on a 2xx
 * @param attemptedAt       when the request started
 */
public record TestSendResult(String requestId, String deliveryId, String url, Map<String, String> requestHeaders,
                             String requestBody, Integer statusCode, Map<String, String> responseHeaders, String responseBody,
                             boolean responseTruncated, long durationMillis, String error, String errorClass, Instant attemptedAt) {
}
