package com.penguinmails.webhooks.model;

import java.util.regex.Pattern;

/**
 * The W3C Trace Context {@code traceparent} value ({@code 00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>}) as
 * it travels in Kafka headers and in {@link DeliveryTask}: only read here, never built (the services' tracers do that).
 */
public final class TraceParent {

    private static final Pattern VALID = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final String INVALID_TRACE_ID = "0".repeat(32);

    private TraceParent() {
    }

    /** Whether the value is a well-formed traceparent with a non-zero trace id (the spec's rule for a valid one). */
    public static boolean isValid(String traceParent) {
        return traceId(traceParent) != null;
    }

    /** The trace id of a traceparent, or null when it is absent or malformed. */
    public static String traceId(String traceParent) {
        if (traceParent == null) {
            return null;
        }
        var matcher = VALID.matcher(traceParent.strip());
        if (!matcher.matches() || traceParent.startsWith("ff") || INVALID_TRACE_ID.equals(matcher.group(1))) {
            return null;
        }
        return matcher.group(1);
    }
}
