package com.penguinmails.webhooks.retry;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import com.fasterxml.jackson.annotation.JsonProperty;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.schedule.EpochMillisHeader;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;

/**
 * The two times the scheduler reads from a delay-topic record: when the delivery is due, and when the leg of its
 * wait on this tier ends (null: at {@code dueAt}). They come from the record's headers ({@code pm-due-at},
 * {@code pm-hop-due-at}); a record without them (written before the headers existed) has them read from its value.
 * The value is passed on untouched.
 */
record DueTime(@JsonProperty("due_at") Instant dueAt, @JsonProperty("hop_due_at") Instant hopDueAt) {

    /** The payload mapper's reading of an instant, one value inside a larger document. */
    private static final ObjectReader INSTANT = Json.mapper().readerFor(Instant.class)
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * The times in the record's headers, or null when it has no {@code pm-due-at} header.
     *
     * @throws IllegalArgumentException when a header is there but not epoch milliseconds
     */
    static DueTime fromHeaders(Headers headers) {
        Header due = headers.lastHeader(com.penguinmails.webhooks.model.Headers.KAFKA_DUE_AT);
        if (due == null) {
            return null;
        }
        Header hop = headers.lastHeader(com.penguinmails.webhooks.model.Headers.KAFKA_HOP_DUE_AT);
        return new DueTime(EpochMillisHeader.decode(due.value()), hop == null ? null : EpochMillisHeader.decode(hop.value()));
    }

    /** The headers first; the value when there are none, or they cannot be read. */
    static DueTime of(Headers headers, byte[] value) {
        try {
            DueTime fromHeaders = fromHeaders(headers);
            if (fromHeaders != null) {
                return fromHeaders;
            }
        } catch (IllegalArgumentException e) {
            // a header that is not epoch millis: the value still says when
        }
        return read(value);
    }

    /**
     * Reads the two top-level fields from a record's value, skipping the rest (the event above all) token by token.
     * Binding the record instead buffers every other field until the last one is read, which made this the costliest
     * step of relaying a record. The instants are read by the same mapper as before, so any value it took still reads.
     *
     * @throws tools.jackson.core.JacksonException when the value is not a JSON object
     */
    static DueTime read(byte[] value) {
        try (JsonParser parser = Json.mapper().createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new StreamReadException(parser, "a delivery task is a JSON object");
            }
            Instant dueAt = null;
            Instant hopDueAt = null;
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                switch (name) {
                    case "due_at" -> dueAt = instant(parser);
                    case "hop_due_at" -> hopDueAt = instant(parser);
                    default -> parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT) {
                throw new StreamReadException(parser, "a delivery task is a JSON object");
            }
            return new DueTime(dueAt, hopDueAt);
        }
    }

    /** An ISO-8601 instant, as the payload mapper writes them, directly; anything else as the mapper reads it. */
    private static Instant instant(JsonParser parser) {
        if (parser.currentToken() == JsonToken.VALUE_STRING) {
            try {
                return Instant.parse(parser.getString());
            } catch (DateTimeParseException e) {
                // not ISO_INSTANT: let the mapper try (offsets, lenient forms)
            }
        }
        return INSTANT.readValue(parser);
    }

    /** When the record may leave this tier. */
    Instant leavesTierAt() {
        return hopDueAt != null ? hopDueAt : dueAt;
    }
}
