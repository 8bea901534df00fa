package com.penguinmails.webhooks.management.problem;

import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpStatus;

/** A refusal that leaves the API as a ProblemDetail with the given status, title and field errors. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String title;
    private final List<FieldError> errors;
    private final Duration retryAfter;

    public ApiException(HttpStatus status, String title, String detail, List<FieldError> errors) {
        this(status, title, detail, errors, null);
    }

    private ApiException(HttpStatus status, String title, String detail, List<FieldError> errors, Duration retryAfter) {
        super(detail, null, false, false);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.retryAfter = retryAfter;
    }

    /** Over the API key's rate: try again after the wait (sent as {@code Retry-After}, in whole seconds). */
    public static ApiException tooManyRequests(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return new ApiException(HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
                "This API key is over its request rate. Retry after " + seconds + " s.", List.of(), Duration.ofSeconds(seconds));
    }

    public static ApiException validation(List<FieldError> errors) {
        return new ApiException(HttpStatus.BAD_REQUEST, "Invalid request",
                errors.size() == 1 ? errors.getFirst().reason() : "The request has " + errors.size() + " invalid fields.", errors);
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "Not found", what + " was not found in this workspace.", List.of());
    }

    /** The caller's key is valid but its role may not do this; the detail says which role may. */
    public static ApiException forbidden(String detail) {
        return new ApiException(HttpStatus.FORBIDDEN, "Forbidden", detail, List.of());
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

    /** How long the client should wait before retrying, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
