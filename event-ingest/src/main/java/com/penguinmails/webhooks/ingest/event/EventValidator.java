package com.penguinmails.webhooks.ingest.event;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.ingest.IngestProperties;
import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Ids;
import com.penguinmails.webhooks.model.Json;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Turns a request body (one event or a JSON array of events) into canonical envelopes, or refuses the whole request
 * with every problem found: a batch is all-or-nothing.
 */
@Component
class EventValidator {

    private final IngestProperties properties;
    private final Clock clock;

    EventValidator(IngestProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
    }

    List<EventEnvelope> validate(byte[] body) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(body);
        } catch (JacksonException e) {
            throw new InvalidEventsException(HttpStatus.BAD_REQUEST, "The request body is not valid JSON.",
                    List.of(new FieldError("body", "malformed JSON: " + e.getOriginalMessage())));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw invalid(List.of(new FieldError("body", "an event object or an array of events is required")));
        }
        if (root.isArray()) {
            return validateBatch(root);
        }
        List<FieldError> errors = new ArrayList<>();
        EventEnvelope event = validateOne(root, "", errors);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return List.of(event);
    }

    private List<EventEnvelope> validateBatch(JsonNode array) {
        if (array.isEmpty()) {
            throw invalid(List.of(new FieldError("body", "the array of events is empty")));
        }
        if (array.size() > properties.maxBatchEvents()) {
            throw new InvalidEventsException(HttpStatus.CONTENT_TOO_LARGE,
                    "A batch holds at most " + properties.maxBatchEvents() + " events; this one has " + array.size() + ".",
                    List.of(new FieldError("body", "more than " + properties.maxBatchEvents() + " events")));
        }
        List<FieldError> errors = new ArrayList<>();
        List<EventEnvelope> events = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            events.add(validateOne(array.get(i), "[" + i + "].", errors));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return events;
    }

    private EventEnvelope validateOne(JsonNode node, String path, List<FieldError> errors) {
        if (!node.isObject()) {
            errors.add(new FieldError(path.isEmpty() ? "body" : path.substring(0, path.length() - 1), "an event must be a JSON object"));
            return null;
        }
        int before = errors.size();
        String type = null;
        JsonNode typeNode = node.get("type");
        if (typeNode == null || typeNode.isNull()) {
            errors.add(new FieldError(path + "type", "is required"));
        } else if (!typeNode.isString()) {
            errors.add(new FieldError(path + "type", "must be a string"));
        } else if (EventType.fromName(typeNode.asString()).isEmpty()) {
            errors.add(new FieldError(path + "type", "unknown event type '" + typeNode.asString()
                    + "'; known types: " + String.join(", ", EventType.names())));
        } else {
            type = typeNode.asString();
        }
        JsonNode data = node.get("data");
        if (data == null || data.isNull()) {
            errors.add(new FieldError(path + "data", "is required"));
        } else if (!data.isObject()) {
            errors.add(new FieldError(path + "data", "must be a JSON object"));
        }
        String id = Ids.newEventId();
        JsonNode idNode = node.get("id");
        if (idNode != null && !idNode.isNull()) {
            if (!idNode.isString() || !Ids.hasPrefix(idNode.asString(), Ids.EVENT)) {
                errors.add(new FieldError(path + "id", "must be a string 'evt_' followed by letters, digits, '_' or '-' (at most 128 characters)"));
            } else {
                id = idNode.asString();
            }
        }
        Instant createdAt = clock.instant();
        JsonNode createdNode = node.get("created_at");
        if (createdNode != null && !createdNode.isNull()) {
            try {
                createdAt = OffsetDateTime.parse(createdNode.asString()).toInstant();
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(path + "created_at", "must be an ISO-8601 timestamp with offset, e.g. 2025-11-25T14:30:00Z"));
            }
        }
        return errors.size() > before ? null : new EventEnvelope(id, type, createdAt, data);
    }

    private static InvalidEventsException invalid(List<FieldError> errors) {
        return new InvalidEventsException(HttpStatus.BAD_REQUEST, "The request was refused; nothing was published.", errors);
    }
}
