package com.penguinmails.webhooks.ingest.event;

/** One reason a request was refused: the JSON path of the offending field and what is wrong with it. */
public record FieldError(String field, String reason) {
}
