package com.penguinmails.webhooks.ingest;

/** Why an event was refused, as a stable low-cardinality code (metric tag, rejected-topic header, API field). */
public enum RejectCode {
    MALFORMED_JSON,
    NOT_AN_OBJECT,
    MISSING_FIELD,
    UNKNOWN_TYPE,
    INVALID_FIELD,
    SCHEMA_VIOLATION,
    TOO_LARGE,
    MISSING_WORKSPACE;

    /** The lower-case form used on the wire, e.g. {@code unknown_type}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
