package com.penguinmails.webhooks.model.delivery;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import com.penguinmails.webhooks.model.net.RefusedTargetException;

/**
 * What a receiver's answer means, decided in one place: for the delivery ({@link #verdict}), for its next attempt's
 * time ({@link #honoursRetryAfter}), for the endpoint's circuit breaker ({@link #circuit}) and for the webhook's health
 * ({@link #heldBack}). An answer is a status, or no status and an {@link ErrorClass} (a network failure, or a request
 * the dispatcher held back). Pure functions of the answer, used by the dispatcher and by management-api alike.
 *
 * <table>
 *   <caption>By answer</caption>
 *   <tr><th>answer</th><th>verdict</th><th>error class</th><th>Retry-After</th><th>circuit</th></tr>
 *   <tr><td>2xx</td><td>DELIVERED</td><td>none</td><td>no</td><td>success</td></tr>
 *   <tr><td>410</td><td>GONE: dead-lettered at once, webhook disabled</td><td>http_status</td><td>no</td><td>success</td></tr>
 *   <tr><td>429, 503</td><td>RETRY</td><td>http_status</td><td>honoured</td><td>failure</td></tr>
 *   <tr><td>other 5xx</td><td>RETRY</td><td>http_status</td><td>no</td><td>failure</td></tr>
 *   <tr><td>1xx, 3xx (redirects are not followed), other 4xx</td><td>RETRY</td><td>http_status</td><td>no</td><td>success</td></tr>
 *   <tr><td>timeout, dns, tls, connection_refused, connection</td><td>RETRY</td><td>itself</td><td>no</td><td>failure</td></tr>
 *   <tr><td>refused_target</td><td>RETRY</td><td>itself</td><td>no</td><td>not counted</td></tr>
 *   <tr><td>not_sent, circuit_open (held back)</td><td>RETRY</td><td>itself</td><td>no</td><td>not counted</td></tr>
 * </table>
 *
 * <p>So a 429 with {@code Retry-After: 120} is a failed attempt ({@code http_status}): while attempts are left the
 * delivery is retried, not before the 120 s the receiver asked for nor before the schedule's delay, whichever is
 * later (the dispatcher's {@code RetryPolicy} caps the header at 24 h); after the last attempt it is dead-lettered. It
 * counts against the endpoint's circuit and, as a request that went out, against the webhook's health. A response
 * body over the kept size is cut, never a failure of its own: the status decides.
 */
public final class ResponseClassifier {

    /** 410 Gone: the receiver says the endpoint is no more. */
    public static final int GONE = 410;

    private ResponseClassifier() {
    }

    /** What an answer means for the delivery. */
    public enum Verdict {
        /** A 2xx: delivered. */
        DELIVERED,
        /** A 410: dead-lettered at once, whatever attempts are left, and management-api disables the webhook. */
        GONE,
        /** Anything else: tried again on the retry schedule while attempts are left, dead-lettered after the last. */
        RETRY
    }

    /** What an answer tells the endpoint's circuit breaker. */
    public enum Circuit {
        /** The endpoint is unwell: a network failure, a 5xx or a 429. */
        FAILURE,
        /** The endpoint answered, whatever it said. */
        SUCCESS,
        /** Says nothing about the endpoint: no connection was made, or the call was abandoned without an answer. */
        NOT_COUNTED
    }

    /** The verdict on an answer's status; null (no answer) is to be retried. */
    public static Verdict verdict(Integer statusCode) {
        if (isSuccess(statusCode)) {
            return Verdict.DELIVERED;
        }
        return isGone(statusCode) ? Verdict.GONE : Verdict.RETRY;
    }

    /** A 2xx. */
    public static boolean isSuccess(Integer statusCode) {
        return statusCode != null && statusCode >= 200 && statusCode < 300;
    }

    /** A 410 Gone: the delivery is dead-lettered and the webhook disabled. */
    public static boolean isGone(Integer statusCode) {
        return statusCode != null && statusCode == GONE;
    }

    /** Whether the answer's {@code Retry-After} sets the earliest time of the next attempt: on a 429 or a 503. */
    public static boolean honoursRetryAfter(Integer statusCode) {
        return statusCode != null && (statusCode == 429 || statusCode == 503);
    }

    /** The class of an answer with this status: none for a 2xx, {@code http_status} for any other. */
    public static ErrorClass errorClassOf(int statusCode) {
        return isSuccess(statusCode) ? null : ErrorClass.HTTP_STATUS;
    }

    /**
     * The class of a request that failed without an answer, from the first telling cause in its chain: a timeout, a
     * refused target, an unknown host (dns), a TLS failure, a connection not opened (refused, or not in time); any
     * other failure (a reset, a connection closed early) is {@code connection}.
     */
    public static ErrorClass errorClassOf(Throwable failure) {
        Throwable cause = failure;
        while (cause != null) {
            if (cause instanceof TimeoutException) {
                return ErrorClass.TIMEOUT;
            }
            if (cause instanceof RefusedTargetException) {
                return ErrorClass.REFUSED_TARGET;
            }
            if (cause instanceof UnknownHostException) {
                return ErrorClass.DNS;
            }
            if (cause instanceof SSLException) {
                return ErrorClass.TLS;
            }
            if (cause instanceof ConnectException) {
                return ErrorClass.CONNECTION_REFUSED;
            }
            cause = cause.getCause() == cause ? null : cause.getCause();
        }
        return ErrorClass.CONNECTION;
    }

    /**
     * What a call's end tells the endpoint's circuit breaker: an answer with a status is a success unless it is a 5xx
     * or a 429; without one, a network failure is a failure, and a refused target, a request held back or a call
     * abandoned (no status, no class) count for nothing.
     */
    public static Circuit circuit(Integer statusCode, ErrorClass errorClass) {
        if (statusCode != null) {
            return statusCode >= 500 || statusCode == 429 ? Circuit.FAILURE : Circuit.SUCCESS;
        }
        if (errorClass == null) {
            return Circuit.NOT_COUNTED;
        }
        return switch (errorClass) {
            case TIMEOUT, DNS, TLS, CONNECTION_REFUSED, CONNECTION -> Circuit.FAILURE;
            case REFUSED_TARGET, HTTP_STATUS, NOT_SENT, CIRCUIT_OPEN -> Circuit.NOT_COUNTED;
        };
    }

    /**
     * Whether the dispatcher held the request back itself (the endpoint's circuit open, the request not signed): such
     * an attempt says nothing about the endpoint, so the webhook's health counts it neither way. Every other failure
     * counts, a refused target included (its address is the webhook's fault).
     */
    public static boolean heldBack(ErrorClass errorClass) {
        return errorClass == ErrorClass.NOT_SENT || errorClass == ErrorClass.CIRCUIT_OPEN;
    }

    /** {@link #heldBack(ErrorClass)} of a stored class name; a null or unknown name is a failure that counts. */
    public static boolean heldBack(String errorClassWireName) {
        return ErrorClass.fromWireName(errorClassWireName).map(ResponseClassifier::heldBack).orElse(false);
    }

    /** The metrics tag of a status: {@code 1xx} … {@code 5xx}, or {@code none} without a (valid) status. */
    public static String statusClass(Integer statusCode) {
        if (statusCode == null || statusCode < 100 || statusCode > 599) {
            return "none";
        }
        return (statusCode / 100) + "xx";
    }
}
