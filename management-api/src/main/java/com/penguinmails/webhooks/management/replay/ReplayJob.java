package com.penguinmails.webhooks.management.replay;

import java.time.Instant;
import java.util.List;

/**
 * A row of {@code replay_jobs}. Never serialised as JSON: {@link ReplayView} is the API's shape.
 *
 * @param webhookId       the one webhook replayed to; null for every matching webhook of the workspace
 * @param eventTypes      the types and categories asked for; null for every type
 * @param scanTypes       the concrete types read from the event store
 * @param cursorCreatedAt with {@code cursorEventId}, the last event handled; null before the first batch
 */
record ReplayJob(String id, String workspaceId, String webhookId, List<String> eventTypes, List<String> scanTypes,
                 Instant from, Instant to, int eventsPerSecond, String state, long eventsFound, long eventsQueued,
                 long deliveriesQueued, Instant cursorCreatedAt, String cursorEventId, Instant nextRunAt,
                 Instant createdAt, Instant updatedAt, Instant finishedAt, String error) {

    static final String QUEUED = "queued";
    static final String RUNNING = "running";
    static final String COMPLETED = "completed";
    static final String CANCELLED = "cancelled";
    static final String FAILED = "failed";

    /** Whether batches are still to run. */
    boolean isActive() {
        return QUEUED.equals(state) || RUNNING.equals(state);
    }
}
