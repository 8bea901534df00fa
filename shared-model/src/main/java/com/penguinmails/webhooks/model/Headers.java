package com.penguinmails.webhooks.model;

/** HTTP header names sent to receivers, and Kafka record header names. */
public final class Headers {

    public static final String SIGNATURE = "X-PenguinMails-Signature";
    public static final String EVENT = "X-PenguinMails-Event";
    public static final String DELIVERY_ID = "X-PenguinMails-Delivery-ID";
    /** The signature header of webhooks created through the compact {@code /v1} API (spec 003). */
    public static final String V1_SIGNATURE = "X-Webhook-Signature";
    public static final String WEBHOOK_ID = "webhook-id";
    public static final String WEBHOOK_TIMESTAMP = "webhook-timestamp";
    public static final String WEBHOOK_SIGNATURE = "webhook-signature";
    public static final String USER_AGENT_VALUE = "PenguinMails-Webhooks/1.0";

    /** Kafka header: the workspace an event belongs to. */
    public static final String KAFKA_WORKSPACE_ID = "pm-workspace-id";
    /**
     * W3C Trace Context on an event record, from the producer (or ingest, which starts a trace when none came) to the
     * dispatcher, which continues it on every POST (see {@link TraceParent}).
     */
    public static final String TRACEPARENT = "traceparent";
    /** Kafka header: the event type, so consumers can filter without parsing the value. */
    public static final String KAFKA_EVENT_TYPE = "pm-event-type";
    /** Kafka header on rejected records: why the record was refused, for a person. */
    public static final String KAFKA_REJECT_REASON = "pm-reject-reason";
    /** Kafka header on rejected records: the reason as a stable code ({@code unknown_type}, ...). */
    public static final String KAFKA_REJECT_CODE = "pm-reject-code";
    /** Kafka headers on rejected records: where the original record was. */
    public static final String KAFKA_SOURCE_TOPIC = "pm-source-topic";
    public static final String KAFKA_SOURCE_PARTITION = "pm-source-partition";
    public static final String KAFKA_SOURCE_OFFSET = "pm-source-offset";
    /** Kafka header on poison records: the service and listener that could not read it ({@code dispatcher/dispatcher-due}). */
    public static final String KAFKA_POISONED_BY = "pm-poisoned-by";
    /** Kafka header on inbound records: {@code http} when event-ingest's HTTP API produced it, else absent. */
    public static final String KAFKA_INGEST_PATH = "pm-ingest-path";
    /**
     * Kafka header on delay-topic records: the task's {@code due_at} in epoch milliseconds (ASCII digits), rounded up
     * so it is never earlier than the value's. The scheduler reads it instead of parsing the value.
     */
    public static final String KAFKA_DUE_AT = "pm-due-at";
    /**
     * Kafka header on delay-topic records: when the record's leg on this tier ends, in epoch milliseconds (ASCII
     * digits), rounded up. The scheduler rewrites only this header when it moves a record on, never the value.
     */
    public static final String KAFKA_HOP_DUE_AT = "pm-hop-due-at";
    /** HTTP request header: retrying a request with the same key yields the same event ids, so no duplicates. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private Headers() {
    }
}
