package com.penguinmails.webhooks.management.problem;

import java.util.List;

import org.springframework.http.HttpStatus;

/** A refusal that leaves the API as a ProblemDetail with the given status, title and field errors. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final List<FieldError> errors;

    public ApiException(HttpStatus status, String title, String detail, List<FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ApiException validation(List<FieldError> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Invalid request",
                errors.size() == 1 ? errors.getFirst().reason() : "The request has " + errors.size() + " invalid fields.", errors);
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "Not found", what + " was not found in this workspace.", List.of());
    }

    public static ApiException unauthorized() {
        return new ApiException(HttpStatus.UNAUTHORIZED, "Unauthorized",
                "A valid API key is required: send 'Authorization: Bearer <api key>'.", List.of());
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }
}
