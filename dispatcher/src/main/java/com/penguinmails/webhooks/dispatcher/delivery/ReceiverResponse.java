package com.penguinmails.webhooks.dispatcher.delivery;

import java.util.Locale;
import java.util.Map;

import com.penguinmails.webhooks.model.delivery.ErrorClass;
import com.penguinmails.webhooks.model.delivery.ResponseClassifier;

/**
 * What came back from a receiver.
 *
 * @param statusCode     the HTTP status, or null where the request failed before a response
 * @param headers        the response headers (lower-case names), empty without a response
 * @param body           the start of the response body
 * @param truncated      whether the body was longer than what is kept
 * @param durationMillis time from the start of the request to the end of the response or failure
 * @param error          why the request failed, or null
 * @param errorClass     the kind of failure, or null on 2xx
 */
record ReceiverResponse(Integer statusCode, Map<String, String> headers, String body, boolean truncated,
                        long durationMillis, String error, ErrorClass errorClass) {

    /** An answer with a status: a failure ({@code http_status}) unless it is a 2xx. */
    static ReceiverResponse answered(int statusCode, Map<String, String> headers, String body, boolean truncated,
                                     long durationMillis) {
        ErrorClass errorClass = ResponseClassifier.errorClassOf(statusCode);
        return new ReceiverResponse(statusCode, headers, body, truncated, durationMillis,
                errorClass == null ? null : "HTTP " + statusCode, errorClass);
    }

    /** No answer: the request failed, or was never made, for the given reason. */
    static ReceiverResponse failed(long durationMillis, String error, ErrorClass errorClass) {
        return new ReceiverResponse(null, Map.of(), null, false, durationMillis, error, errorClass);
    }

    boolean isSuccess() {
        return ResponseClassifier.isSuccess(statusCode);
    }

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The class's name as the delivery log stores it, or null on 2xx. */
    String errorClassName() {
        return errorClass == null ? null : errorClass.wireName();
    }
}
