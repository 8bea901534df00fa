package com.penguinmails.webhooks.management.problem;

/** One reason a request was refused: the offending field and what is wrong with it, in words a person understands. */
public record FieldError(String field, String reason) {
}
