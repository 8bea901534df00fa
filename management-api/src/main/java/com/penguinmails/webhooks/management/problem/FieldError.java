package com.penguinmails.webhooks.management.problem;

import com.penguinmails.webhooks.model.EventType;

/** One reason a request was refused: the offending field and what is wrong with it, in words a person understands. */
public record FieldError(String field, String reason) {

    /**
     * An event type the catalog does not know, with the known ones listed; {@code categories} says whether the field
     * also takes a whole category such as {@code email.*}.
     */
    public static FieldError unknownEventType(String field, String type, boolean categories) {
        return new FieldError(field, "Unknown event type '" + type + "'. Known types: " + String.join(", ", EventType.names())
                + (categories ? ", or a whole category such as email.*." : "."));
    }
}
