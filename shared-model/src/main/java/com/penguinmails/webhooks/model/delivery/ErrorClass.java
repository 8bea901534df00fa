package com.penguinmails.webhooks.model.delivery;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The kind of a failed attempt, as the delivery log stores it ({@code AttemptRecord.errorClass}) and the API shows it
 * ({@code error_class}). The wire names are stored and published: they never change. What each one means for the
 * delivery, the endpoint's circuit and the webhook's health is {@link ResponseClassifier}'s to say.
 */
public enum ErrorClass {

    /** No complete answer within the webhook's timeout. */
    TIMEOUT("timeout"),
    /** The endpoint's host name did not resolve. */
    DNS("dns"),
    /** The TLS handshake failed (certificate, protocol). */
    TLS("tls"),
    /** The connection could not be opened: refused, or not accepted within the connect timeout. */
    CONNECTION_REFUSED("connection_refused"),
    /** The connection failed once open: reset, or closed before the whole answer came. */
    CONNECTION("connection"),
    /** The endpoint's address is one the dispatcher must not reach (loopback, private, metadata): no connection made. */
    REFUSED_TARGET("refused_target"),
    /** The endpoint answered with a status other than 2xx (a redirect included: redirects are not followed). */
    HTTP_STATUS("http_status"),
    /** The dispatcher held the request back: it could not be signed (or, for a test send, the webhook is unknown). */
    NOT_SENT("not_sent"),
    /** The dispatcher held the request back: the endpoint's circuit is open. */
    CIRCUIT_OPEN("circuit_open");

    private static final Map<String, ErrorClass> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(ErrorClass::wireName, Function.identity()));

    private final String wireName;

    ErrorClass(String wireName) {
        this.wireName = wireName;
    }

    /** The name stored in {@code AttemptRecord.errorClass} and shown by the API as {@code error_class}. */
    public String wireName() {
        return wireName;
    }

    /** The class of a stored name; empty for null or a name this version does not know. */
    public static Optional<ErrorClass> fromWireName(String wireName) {
        return Optional.ofNullable(wireName == null ? null : BY_WIRE_NAME.get(wireName));
    }
}
