package com.penguinmails.webhooks.ingest.validation;

import java.util.List;

import com.penguinmails.webhooks.ingest.RejectCode;
import com.penguinmails.webhooks.model.EventEnvelope;

/** The verdict on one event: the canonical envelope, or every reason it was refused. */
public sealed interface Validation {

    record Valid(EventEnvelope event) implements Validation {
    }

    record Invalid(List<FieldError> errors) implements Validation {

        public Invalid {
            if (errors.isEmpty()) {
                throw new IllegalArgumentException("an invalid event needs at least one reason");
            }
            errors = List.copyOf(errors);
        }

        /** The first reason's code: what a metric or a header reports. */
        public RejectCode code() {
            return errors.getFirst().rejectCode();
        }

        /** All reasons in one line, for a header or a log. */
        public String summary() {
            return String.join("; ", errors.stream().map(e -> e.field() + ": " + e.reason()).toList());
        }
    }
}
