package com.penguinmails.webhooks.ingest.validation;

import java.util.List;

import org.springframework.http.HttpStatus;

/** A request whose events were refused; nothing of it was published. */
public class InvalidEventsException extends RuntimeException {

    private final HttpStatus status;
    private final List<FieldError> errors;

    public InvalidEventsException(HttpStatus status, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public HttpStatus status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
