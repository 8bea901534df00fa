package com.penguinmails.webhooks.model;

import java.util.List;

/** Kafka topic names shared by the services (see DESIGN.md "Flow"). */
public final class Topics {

    /**
     * Where platform services produce raw events (see docs/producing-events.md); key = workspace id, value = the
     * envelope. event-ingest validates and de-duplicates them into the event topics.
     */
    public static final String INBOUND = "webhooks.inbound.v1";
    /** Prefix of the per-category event topics, {@code webhooks.events.email} and so on. */
    public static final String EVENTS_PREFIX = "webhooks.events.";
    /** Compacted; key = webhook id, value = {@link WebhookConfig}, tombstone on delete. */
    public static final String CONFIG = "webhooks.config";
    /** Compacted; key = API key hash, value = {@link ApiKeyRecord}, tombstone on revoke. */
    public static final String API_KEYS = "webhooks.apikeys";
    /** Every attempt's outcome; key = delivery id, value = {@link AttemptRecord}. */
    public static final String ATTEMPTS = "webhooks.attempts";
    /** Deliveries whose retry is due; key = webhook id, value = {@link DeliveryTask}. */
    public static final String DELIVERIES_DUE = "webhooks.deliveries.due";
    /**
     * Deliveries replayed by hand (management-api); key = webhook id, value = {@link DeliveryTask}. Consumed apart
     * from first attempts and retries, so a large replay never starves them.
     */
    public static final String DELIVERIES_REPLAY = "webhooks.deliveries.replay";
    /**
     * Compacted; key = workspace id, value = {@link WorkspaceDeliveryState}: whether the dispatcher is holding back
     * the workspace's deliveries because its plan's rate is exceeded.
     */
    public static final String WORKSPACE_STATE = "webhooks.workspace-state";
    /** Test sends asked for through the API; key = webhook id, value = {@link TestSendRequest}. */
    public static final String TESTS = "webhooks.tests";
    /** What came of each test send; key = its request id, value = {@link TestSendResult}. */
    public static final String TEST_RESULTS = "webhooks.tests.results";
    /** Deliveries whose attempts are exhausted; key = webhook id, value = {@link DeliveryTask}. */
    public static final String DELIVERIES_DEAD = "webhooks.deliveries.dead";
    /** Records refused by ingest: the original bytes, with the reason and the source in headers. */
    public static final String INGEST_REJECTED = "webhooks.ingest.rejected";
    /**
     * Poison records: what a service's consumer could not read (not JSON, or not the payload its topic carries), the
     * original key and bytes with the reason, the consumer and the source in headers; parked here so that the
     * partition moves on. Ingest's own refusals go to {@link #INGEST_REJECTED} instead.
     */
    public static final String POISON = "webhooks.poison";

    private Topics() {
    }

    /** All event topics, one per category. */
    public static List<String> eventTopics() {
        return java.util.Arrays.stream(EventCategory.values()).map(EventCategory::topic).toList();
    }
}
