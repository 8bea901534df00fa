package com.penguinmails.webhooks.management.page;

import java.util.List;

import com.penguinmails.webhooks.management.problem.FieldError;

/**
 * Which page of a list a client asked for: at most {@code limit} items, after the {@code cursor} it was given (the
 * first page without one).
 *
 * @param limit how many items, at most
 * @param after where the previous page ended; null for the first page
 */
public record PageRequest(int limit, Cursor after) {

    /** The page asked for by the query parameters {@code limit} and {@code cursor}; null after adding to {@code errors}. */
    public static PageRequest parse(String limit, String cursor, int defaultLimit, int maxLimit, List<FieldError> errors) {
        int size = defaultLimit;
        boolean valid = true;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > maxLimit) {
                errors.add(new FieldError("limit", "limit must be a whole number between 1 and " + maxLimit + "."));
                valid = false;
            }
        }
        Cursor after = null;
        if (cursor != null) {
            after = Cursor.decode(cursor);
            if (after == null) {
                errors.add(new FieldError("cursor", "cursor is not one this API issued: pass the next_cursor of the previous page as it was."));
                valid = false;
            }
        }
        return valid ? new PageRequest(size, after) : null;
    }

    /** How many rows to read: one more than the page, to tell whether there is more. */
    public int fetchSize() {
        return limit + 1;
    }
}
