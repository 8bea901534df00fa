package com.penguinmails.webhooks.management.testsend;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.TestSendResult;

/**
 * The answer to a test send: the request exactly as it went and the response exactly as it came, or why none came.
 *
 * @param deliveryId the delivery id it was sent and logged under (the log marks it as a test)
 * @param success    whether the endpoint answered 2xx
 * @param event      the event sent
 * @param request    the request: URL, headers (an {@code Authorization} value redacted) and body as sent
 * @param response   the response, or null when none came (then see {@code error})
 * @param durationMs from the start of the request to the end of the response or the failure
 * @param error      why it failed, or null
 * @param errorClass the kind of failure ({@code timeout}, {@code dns}, {@code http_status}, ...), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TestSendView(String deliveryId, boolean success, EventEnvelope event, Request request, Response response,
                    long durationMs, String error, String errorClass) {

    public record Request(String method, String url, Map<String, String> headers, String body) {
    }

    public record Response(int statusCode, Map<String, String> headers, String body, boolean truncated) {
    }

    static TestSendView of(EventEnvelope event, TestSendResult result) {
        Request request = result.requestBody() == null ? null
                : new Request("POST", result.url(), result.requestHeaders(), result.requestBody());
        Response response = result.statusCode() == null ? null
                : new Response(result.statusCode(), result.responseHeaders(), result.responseBody(), result.responseTruncated());
        boolean success = result.statusCode() != null && result.statusCode() >= 200 && result.statusCode() < 300;
        return new TestSendView(result.deliveryId(), success, event, request, response, result.durationMillis(),
                result.error(), result.errorClass());
    }
}
