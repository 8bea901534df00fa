package com.penguinmails.webhooks.ingest.validation;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

import com.penguinmails.webhooks.ingest.RejectCode;

/**
 * One reason an event was refused: the JSON path of the offending field, what is wrong with it in words, and the
 * reason as a code.
 */
public record FieldError(String field, String reason, @JsonIgnore RejectCode rejectCode) {

    /** The code as the API shows it. */
    @JsonProperty("code")
    public String code() {
        return rejectCode.code();
    }
}
