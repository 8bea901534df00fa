package com.penguinmails.webhooks.management.problem;

import java.util.Collection;

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

    /**
     * A field the request type does not have ({@code field} is its path, e.g. {@code filters.campain_ids}), with the
     * nearest of the {@code known} names at that level when one is close: {@code "filter" is not a field; did you mean
     * "filters"?}.
     */
    public static FieldError unknownField(String field, String name, Collection<String> known) {
        return new FieldError(field, NearestName.of(name, known)
                .map(nearest -> "\"" + name + "\" is not a field; did you mean \"" + nearest + "\"?")
                .orElse("\"" + name + "\" is not a field"));
    }
}
