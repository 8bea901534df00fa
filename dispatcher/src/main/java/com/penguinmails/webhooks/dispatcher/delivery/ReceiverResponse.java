package com.penguinmails.webhooks.dispatcher.delivery;

/**
 * What came back from a receiver.
 *
 * @param statusCode     the HTTP status, or null where the request failed before a response
 * @param body           the start of the response body
 * @param durationMillis time from the start of the request to the end of the response or failure
 * @param error          why the request failed, or null
 */
record ReceiverResponse(Integer statusCode, String body, long durationMillis, String error) {

    boolean isSuccess() {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }
}
