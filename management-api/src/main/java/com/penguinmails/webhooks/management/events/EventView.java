package com.penguinmails.webhooks.management.events;

import java.time.Instant;

import tools.jackson.databind.JsonNode;

import com.penguinmails.webhooks.model.EventEnvelope;

/** A stored event as the API shows it: the envelope receivers get, and when the event store took it. */
public record EventView(String id, String type, Instant createdAt, JsonNode data, Instant storedAt) {

    static EventView of(EventEnvelope event, Instant storedAt) {
        return new EventView(event.id(), event.type(), event.createdAt(), event.data(), storedAt);
    }
}
