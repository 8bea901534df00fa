package com.penguinmails.webhooks.model.filter;

/** A webhook filter that cannot be evaluated: where in the filter it breaks and why. */
public final class FilterSyntaxException extends RuntimeException {

    private final String path;

    public FilterSyntaxException(String path, String reason) {
        super(reason, null, false, false);
        this.path = path;
    }

    /** The JSON path of the offending part, e.g. {@code filters.payload.$and[1].data.url.$regex}. */
    public String path() {
        return path;
    }
}
