package com.penguinmails.webhooks.model.filter;

import java.util.List;
import java.util.Optional;

/** A webhook filter that cannot be evaluated: where in the filter it breaks and why. */
public final class FilterSyntaxException extends RuntimeException {

    private final String path;
    private final UnknownName unknownName;

    public FilterSyntaxException(String path, String reason) {
        this(path, reason, null);
    }

    private FilterSyntaxException(String path, String reason, UnknownName unknownName) {
        super(reason, null, false, false);
        this.path = path;
        this.unknownName = unknownName;
    }

    /** A name the filter does not know at {@code path} (which ends with it), and the names it knows there. */
    static FilterSyntaxException unknownName(String path, String name, List<String> known, String reason) {
        return new FilterSyntaxException(path, reason, new UnknownName(name, List.copyOf(known)));
    }

    /** The JSON path of the offending part, e.g. {@code filters.payload.$and[1].data.url.$regex}. */
    public String path() {
        return path;
    }

    /** When the filter breaks on a name it does not know ({@code campain_ids}): that name and the known ones. */
    public Optional<UnknownName> unknownName() {
        return Optional.ofNullable(unknownName);
    }

    /**
     * A misspelt or made-up name in a filter.
     *
     * @param name  the name as given
     * @param known the names the filter knows at that place
     */
    public record UnknownName(String name, List<String> known) {
    }
}
