package com.penguinmails.webhooks.management.replay;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A replay as the API shows it: its range and types, its state and its progress ({@code events_queued} of
 * {@code events_found}, spec 001's "Replaying... (234 / 1,247)").
 */
public record ReplayView(
        @Schema(example = "rpl_01JD8X2M4Q9V7T3K5N6P8R0S2A") String id,
        @Schema(description = "The webhook replayed to; null when every matching webhook of the workspace is") String webhookId,
        @Schema(description = "The types asked for; null for every type") List<String> eventTypes,
        Instant from,
        Instant to,
        @Schema(allowableValues = {"queued", "running", "completed", "cancelled", "failed"}) String state,
        @Schema(description = "Stored events of the range and types that the webhook(s) subscribe to, counted at creation") long eventsFound,
        @Schema(description = "Events handled so far: each queued to every webhook it matches now") long eventsQueued,
        @Schema(description = "Deliveries queued so far (an event may go to several webhooks, or to none whose filters it passes)") long deliveriesQueued,
        int eventsPerSecond,
        Instant createdAt,
        Instant updatedAt,
        @Schema(description = "When it completed, was cancelled or failed") Instant finishedAt,
        @Schema(description = "Why it failed") String error) {

    static ReplayView of(ReplayJob job) {
        return new ReplayView(job.id(), job.webhookId(), job.eventTypes(), job.from(), job.to(), job.state(),
                job.eventsFound(), job.eventsQueued(),
                job.deliveriesQueued(), job.eventsPerSecond(), job.createdAt(), job.updatedAt(), job.finishedAt(), job.error());
    }
}
