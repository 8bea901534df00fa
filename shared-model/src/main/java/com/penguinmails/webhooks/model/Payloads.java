package com.penguinmails.webhooks.model;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Kafka record's value as the payload its topic carries, and refuses what is not: bytes that are not JSON
 * ({@link Unreadable.Code#UNDECODABLE}), or JSON of another shape or schema version: fields of other types, or read
 * leniently into a record whose required fields are then missing ({@link Unreadable.Code#WRONG_SCHEMA}). Unknown extra fields stay allowed, so
 * a newer producer adding a field never breaks an older consumer; only what a consumer cannot work without is checked.
 */
public final class Payloads {

    private Payloads() {
    }

    /** Why a value could not be read; the code is stable (a header value), the message is for a person. */
    public static final class Unreadable extends RuntimeException {

        /** The kinds of poison. */
        public enum Code {
            UNDECODABLE, WRONG_SCHEMA;

            /** The lower-case form used in the {@code pm-reject-code} header. */
            public String code() {
                return name().toLowerCase(java.util.Locale.ROOT);
            }
        }

        private final Code code;

        Unreadable(Code code, String message, Throwable cause) {
            super(message, cause);
            this.code = code;
        }

        public Code code() {
            return code;
        }
    }

    /**
     * The value as a {@code type}.
     *
     * @throws Unreadable when it is not JSON of that type, or lacks a field the type requires
     */
    public static <T> T read(byte[] value, Class<T> type) {
        if (value == null) {
            throw new Unreadable(Unreadable.Code.UNDECODABLE, "the record has no value", null);
        }
        T payload;
        try {
            payload = Json.read(value, type);
        } catch (tools.jackson.databind.DatabindException e) {
            // JSON, but not of this shape (a field of another type, a required number missing)
            throw new Unreadable(Unreadable.Code.WRONG_SCHEMA, "JSON, but not a " + type.getSimpleName() + ": "
                    + firstLine(e.getOriginalMessage()) + " at " + e.getPathReference(), e);
        } catch (RuntimeException e) {
            throw new Unreadable(Unreadable.Code.UNDECODABLE, "not JSON: " + firstLine(e.getMessage()), e);
        }
        if (payload == null) {
            throw new Unreadable(Unreadable.Code.UNDECODABLE, "the value is JSON null", null);
        }
        List<String> missing = missing(payload);
        if (!missing.isEmpty()) {
            throw new Unreadable(Unreadable.Code.WRONG_SCHEMA, type.getSimpleName() + " without " + String.join(", ", missing)
                    + " (another schema or version?)", null);
        }
        return payload;
    }

    private static List<String> missing(Object payload) {
        List<String> missing = new ArrayList<>();
        switch (payload) {
            case EventEnvelope event -> event(event, "", missing);
            case DeliveryTask task -> {
                require(task.deliveryId(), "delivery_id", missing);
                require(task.webhookId(), "webhook_id", missing);
                require(task.workspaceId(), "workspace_id", missing);
                require(task.dueAt(), "due_at", missing);
                if (task.attempt() < 1) {
                    missing.add("attempt (at least 1)");
                }
                event(task.event(), "event.", missing);
            }
            case AttemptRecord attempt -> {
                require(attempt.deliveryId(), "delivery_id", missing);
                require(attempt.webhookId(), "webhook_id", missing);
                require(attempt.workspaceId(), "workspace_id", missing);
                require(attempt.eventId(), "event_id", missing);
                require(attempt.eventType(), "event_type", missing);
                require(attempt.outcome(), "outcome", missing);
                require(attempt.attemptedAt(), "attempted_at", missing);
            }
            case TestSendRequest test -> {
                require(test.requestId(), "request_id", missing);
                require(test.deliveryId(), "delivery_id", missing);
                require(test.webhookId(), "webhook_id", missing);
                require(test.workspaceId(), "workspace_id", missing);
                event(test.event(), "event.", missing);
            }
            case WebhookConfig webhook -> {
                require(webhook.id(), "id", missing);
                require(webhook.workspaceId(), "workspace_id", missing);
                require(webhook.url(), "url", missing);
                require(webhook.eventTypes(), "event_types", missing);
                require(webhook.status(), "status", missing);
                require(webhook.secrets(), "secrets", missing);
            }
            case ApiKeyRecord key -> {
                require(key.keyHash(), "key_hash", missing);
                require(key.keyId(), "key_id", missing);
                require(key.workspaceId(), "workspace_id", missing);
                require(key.role(), "role", missing);
            }
            case WorkspaceDeliveryState state -> {
                require(state.workspaceId(), "workspace_id", missing);
                require(state.plan(), "plan", missing);
            }
            case TestSendResult result -> {
                require(result.requestId(), "request_id", missing);
                require(result.deliveryId(), "delivery_id", missing);
                require(result.attemptedAt(), "attempted_at", missing);
            }
            default -> {
            }
        }
        return missing;
    }

    private static void event(EventEnvelope event, String prefix, List<String> missing) {
        if (event == null) {
            missing.add(prefix.isEmpty() ? "the event" : prefix.substring(0, prefix.length() - 1));
            return;
        }
        require(event.id(), prefix + "id", missing);
        require(event.createdAt(), prefix + "created_at", missing);
        if (event.type() == null) {
            missing.add(prefix + "type");
        } else if (EventType.fromName(event.type()).isEmpty()) {
            missing.add(prefix + "type of the catalog (not '" + event.type() + "')");
        }
        if (event.data() == null || !event.data().isObject()) {
            missing.add(prefix + "data (an object)");
        }
    }

    private static void require(Object value, String field, List<String> missing) {
        if (value == null) {
            missing.add(field);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        String line = end < 0 ? message : message.substring(0, end);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
