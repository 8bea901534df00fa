package com.penguinmails.webhooks.ingest.validation;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

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
 * Turns raw events into canonical envelopes: the envelope's fields, the type against the catalog, {@code data}
 * against the type's JSON Schema. The HTTP path validates a whole request (one event or an array, all-or-nothing);
 * the Kafka path validates record by record. Never throws on bad input other than {@link InvalidEventsException}.
 */
@Component
public class EventValidator {

    private final IngestProperties properties;
    private final SchemaCatalog schemas;
    private final Clock clock;

    public EventValidator(IngestProperties properties, SchemaCatalog schemas, Clock clock) {
        this.properties = properties;
        this.schemas = schemas;
        this.clock = clock;
    }

    /**
     * A request body: one event or an array of events. Events without an id get {@code ids.apply(index)}.
     *
     * @throws InvalidEventsException listing every problem, when any event is invalid or the batch too large
     */
    public List<EventEnvelope> validateRequest(byte[] body, IntFunction<String> ids) {
        JsonNode root = parse(body);
        if (root == null) {
            throw invalid(List.of(new FieldError("body", "malformed JSON", RejectCode.MALFORMED_JSON)));
        }
        if (root.isMissingNode() || root.isNull()) {
            throw invalid(List.of(new FieldError("body", "an event object or an array of events is required", RejectCode.MISSING_FIELD)));
        }
        if (!root.isArray()) {
            return List.of(orThrow(validateNode(root, "", () -> ids.apply(0))));
        }
        if (root.isEmpty()) {
            throw invalid(List.of(new FieldError("body", "the array of events is empty", RejectCode.MISSING_FIELD)));
        }
        if (root.size() > properties.maxBatchEvents()) {
            throw new InvalidEventsException(HttpStatus.CONTENT_TOO_LARGE,
                    "A batch holds at most " + properties.maxBatchEvents() + " events; this one has " + root.size() + ".",
                    List.of(new FieldError("body", "more than " + properties.maxBatchEvents() + " events", RejectCode.TOO_LARGE)));
        }
        List<FieldError> errors = new ArrayList<>();
        List<EventEnvelope> events = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            int index = i;
            switch (validateNode(root.get(i), "[" + i + "].", () -> ids.apply(index))) {
                case Validation.Valid valid -> events.add(valid.event());
                case Validation.Invalid bad -> errors.addAll(bad.errors());
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return events;
    }

    /** One Kafka record's value: a single event envelope. */
    public Validation validateRecord(byte[] value) {
        if (value == null) {
            return new Validation.Invalid(List.of(new FieldError("value", "the record has no value", RejectCode.MISSING_FIELD)));
        }
        if (value.length > properties.maxBodySize().toBytes()) {
            return new Validation.Invalid(List.of(new FieldError("value", "larger than " + properties.maxBodySize().toBytes()
                    + " bytes", RejectCode.TOO_LARGE)));
        }
        JsonNode root = parse(value);
        if (root == null) {
            return new Validation.Invalid(List.of(new FieldError("value", "malformed JSON", RejectCode.MALFORMED_JSON)));
        }
        return validateNode(root, "", Ids::newEventId);
    }

    private Validation validateNode(JsonNode node, String path, Supplier<String> idIfMissing) {
        List<FieldError> errors = new ArrayList<>();
        if (node == null || !node.isObject()) {
            errors.add(new FieldError(path.isEmpty() ? "body" : path.substring(0, path.length() - 1),
                    "an event must be a JSON object", RejectCode.NOT_AN_OBJECT));
            return new Validation.Invalid(errors);
        }
        EventType type = type(node.get("type"), path, errors);
        JsonNode data = node.get("data");
        if (data == null || data.isNull()) {
            errors.add(new FieldError(path + "data", "is required", RejectCode.MISSING_FIELD));
        } else if (!data.isObject()) {
            errors.add(new FieldError(path + "data", "must be a JSON object", RejectCode.INVALID_FIELD));
        } else if (type != null) {
            errors.addAll(schemas.check(type, data, path));
        }
        String id = null;
        JsonNode idNode = node.get("id");
        if (idNode != null && !idNode.isNull()) {
            if (!idNode.isString() || !Ids.hasPrefix(idNode.asString(), Ids.EVENT)) {
                errors.add(new FieldError(path + "id", "must be a string 'evt_' followed by letters, digits, '_' or '-'"
                        + " (at most 128 characters)", RejectCode.INVALID_FIELD));
            } else {
                id = idNode.asString();
            }
        }
        Instant createdAt = clock.instant();
        JsonNode createdNode = node.get("created_at");
        if (createdNode != null && !createdNode.isNull()) {
            try {
                if (!createdNode.isString()) {
                    throw new DateTimeParseException("not a string", createdNode.toString(), 0);
                }
                createdAt = OffsetDateTime.parse(createdNode.asString()).toInstant();
            } catch (DateTimeParseException e) {
                errors.add(new FieldError(path + "created_at", "must be an ISO-8601 timestamp with offset, e.g. 2025-11-25T14:30:00Z",
                        RejectCode.INVALID_FIELD));
            }
        }
        if (!errors.isEmpty()) {
            return new Validation.Invalid(errors);
        }
        return new Validation.Valid(new EventEnvelope(id == null ? idIfMissing.get() : id, type.typeName(), createdAt, data));
    }

    private static EventType type(JsonNode typeNode, String path, List<FieldError> errors) {
        if (typeNode == null || typeNode.isNull()) {
            errors.add(new FieldError(path + "type", "is required", RejectCode.MISSING_FIELD));
            return null;
        }
        if (!typeNode.isString()) {
            errors.add(new FieldError(path + "type", "must be a string", RejectCode.INVALID_FIELD));
            return null;
        }
        return EventType.fromName(typeNode.asString()).orElseGet(() -> {
            errors.add(new FieldError(path + "type", "unknown event type '" + typeNode.asString()
                    + "'; known types: " + String.join(", ", EventType.names()), RejectCode.UNKNOWN_TYPE));
            return null;
        });
    }

    /** The parsed tree, or null when the bytes are not JSON. */
    private static JsonNode parse(byte[] bytes) {
        try {
            return Json.mapper().readTree(bytes);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static EventEnvelope orThrow(Validation validation) {
        return switch (validation) {
            case Validation.Valid valid -> valid.event();
            case Validation.Invalid bad -> throw invalid(bad.errors());
        };
    }

    private static InvalidEventsException invalid(List<FieldError> errors) {
        return new InvalidEventsException(HttpStatus.BAD_REQUEST, "The request was refused; nothing was published.", errors);
    }
}
