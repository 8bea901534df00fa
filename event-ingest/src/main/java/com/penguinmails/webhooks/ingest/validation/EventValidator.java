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
import com.penguinmails.webhooks.ingest.RejectCode;
import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Ids;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.canonical.NumberFidelity;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns raw events into canonical envelopes: the envelope's fields, the type against the catalog, {@code data}
 * against the type's JSON Schema, its numbers against what a double holds, and no key twice in one object (what
 * receivers get is written with {@code JSON.stringify}'s rules, which keep the last of repeated keys and read numbers as
 * doubles: an event that could not travel unchanged is refused here, naming the field). The HTTP path validates a whole request (one event or an array, all-or-nothing);
 * the Kafka path validates record by record. Never throws on bad input other than {@link InvalidEventsException}.
 */
@Component
public class EventValidator {

    /**
     * Reads events keeping every digit as written, so that a number a double would change is refused rather than
     * delivered altered ({@link NumberFidelity}), and refusing a key repeated in one object.
     */
    private static final JsonMapper READER = Json.mapper().rebuild()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

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
        Parsed parsed = parse(body, "body");
        if (parsed.error() != null) {
            throw invalid(List.of(parsed.error()));
        }
        JsonNode root = parsed.root();
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
        Parsed parsed = parse(value, "value");
        if (parsed.error() != null) {
            return new Validation.Invalid(List.of(parsed.error()));
        }
        return validateNode(parsed.root(), "", Ids::newEventId);
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
        } else {
            List<FieldError> numbers = numberErrors(data, path);
            errors.addAll(numbers);
            if (type != null && numbers.isEmpty()) { // the schema is not checked against 1e999999999: it is refused anyway
                errors.addAll(schemas.check(type, data, path));
            }
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

    /** The parsed tree, or why there is none: not JSON ({@code whole} names the field), or a key repeated in an object. */
    private static Parsed parse(byte[] bytes, String whole) {
        try {
            return new Parsed(READER.readTree(bytes), null);
        } catch (StreamReadException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate Object property")
                    && e.processor() instanceof JsonParser parser) {
                return new Parsed(null, new FieldError(field(parser.streamReadContext()), "appears twice in one object: JSON.parse"
                        + " keeps the last value, other readers the first, so receivers could disagree on the event. Send each"
                        + " key once.", RejectCode.INVALID_FIELD));
            }
            return new Parsed(null, new FieldError(whole, "malformed JSON", RejectCode.MALFORMED_JSON));
        } catch (JacksonException e) {
            return new Parsed(null, new FieldError(whole, "malformed JSON", RejectCode.MALFORMED_JSON));
        }
    }

    /** A parsed body: the tree, or the one reason it could not be read. */
    private record Parsed(JsonNode root, FieldError error) {
    }

    /** The parser's position as the API names fields: {@code data.contact.email}, {@code [1].data.tags[0]}. */
    private static String field(TokenStreamContext context) {
        java.util.Deque<String> steps = new java.util.ArrayDeque<>();
        for (TokenStreamContext step = context; step != null && !step.inRoot(); step = step.getParent()) {
            steps.push(step.inArray() ? "[" + step.getCurrentIndex() + "]" : "." + step.currentName());
        }
        String field = String.join("", steps);
        return field.startsWith(".") ? field.substring(1) : field;
    }

    /** Every number of {@code data} that a double would change ({@link NumberFidelity}), named as a field. */
    private static List<FieldError> numberErrors(JsonNode data, String path) {
        return NumberFidelity.refusals(data).stream()
                .map(refusal -> new FieldError(path + "data" + refusal.field(), refusal.reason(), RejectCode.INVALID_FIELD))
                .toList();
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
