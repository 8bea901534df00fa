package com.penguinmails.webhooks.model;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.JsonNode;

/**
 * The event as receivers see it: the body of every webhook POST (spec 001/002).
 *
 * @param id        the event id, {@code evt_…}, stable for the life of the event
 * @param type      the event type name, e.g. {@code email.opened}
 * @param createdAt when the event happened on the platform
 * @param data      the type-specific payload, a JSON object
 */
public record EventEnvelope(
        String id,
        String type,
        @JsonProperty("created_at") Instant createdAt,
        JsonNode data) {
}
