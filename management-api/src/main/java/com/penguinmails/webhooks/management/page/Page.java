package com.penguinmails.webhooks.management.page;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list, newest first, in the style of Stripe: the items, whether more follow, and the cursor to ask for
 * them with ({@code null} on the last page).
 */
public record Page<T>(List<T> data, boolean hasMore, String nextCursor) {

    /**
     * The page made of rows read with {@link PageRequest#fetchSize()}: the extra row, when there, only says that more
     * follow.
     */
    public static <R, T> Page<T> of(List<R> rows, PageRequest request, Function<R, T> view, Function<R, Cursor> position) {
        boolean more = rows.size() > request.limit();
        List<R> shown = more ? rows.subList(0, request.limit()) : rows;
        return new Page<>(shown.stream().map(view).toList(), more, more ? position.apply(shown.getLast()).encode() : null);
    }
}
