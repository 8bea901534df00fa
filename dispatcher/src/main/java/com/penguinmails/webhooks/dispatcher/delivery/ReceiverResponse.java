package com.penguinmails.webhooks.dispatcher.delivery;

import java.util.Map;

/**
 * What came back from a receiver.
 *
 * @param statusCode     the HTTP status, or null where the request failed before a response
 * @param headers        the response headers (lower-case names), empty without a response
 * @param body           the start of the response body
 * @param truncated      whether the body was longer than what is kept
 * @param durationMillis time from the start of the request to the end of the response or failure
 * @param error          why the request failed, or null
 * @param errorClass     the kind of failure (see {@code AttemptRecord#errorClass}), or null on 2xx
 */
record ReceiverResponse(Integer statusCode, Map<String, String> headers, String body, boolean truncated,
                        long durationMillis, String error, String errorClass) {

    static ReceiverResponse failed(long durationMillis, String error, String errorClass) {
        return new ReceiverResponse(null, Map.of(), null, false, durationMillis, error, errorClass);
    }

    boolean isSuccess() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
}
