package com.penguinmails.webhooks.management.problem;

import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

/** Every refusal leaves as an RFC 9457 problem, with a field-level list for validation failures. */
@RestControllerAdvice
class ProblemDetailsAdvice {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> api(ApiException e) {
        ResponseEntity<ProblemDetail> problem = problem(e.status(), e.title(), e.getMessage(), e.errors());
        if (e.retryAfter() == null) {
            return problem;
        }
        return ResponseEntity.status(problem.getStatusCode()).headers(problem.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfter().toSeconds())).body(problem.getBody());
    }

    /**
     * Malformed JSON, wrongly typed fields and fields the request does not have ({@code spring.jackson.deserialization.
     * fail-on-unknown-properties}), caught before the controller runs, so nothing is done.
     */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> unreadable(ServerWebInputException e) {
        Throwable cause = e.getMostSpecificCause();
        if (cause instanceof tools.jackson.databind.exc.UnrecognizedPropertyException unknown) {
            FieldError error = FieldError.unknownField(field(unknown), unknown.getPropertyName(),
                    unknown.getKnownPropertyIds().stream().map(String::valueOf).toList());
            return problem(HttpStatus.BAD_REQUEST, "Invalid request", error.reason(), List.of(error));
        }
        String reason = cause instanceof tools.jackson.core.JacksonException jackson ? jackson.getOriginalMessage() : e.getReason();
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", "The request body could not be read as JSON.",
                List.of(new FieldError(field(cause), reason == null ? "unreadable" : reason)));
    }

    /**
     * Where in the body a wrongly typed value or an unknown field sits ({@code headers}, {@code events[1]}); for broken
     * JSON, the body.
     */
    private static String field(Throwable cause) {
        if (!(cause instanceof tools.jackson.databind.exc.MismatchedInputException jackson) || jackson.getPath().isEmpty()) {
            return "body";
        }
        StringBuilder field = new StringBuilder();
        for (tools.jackson.core.JacksonException.Reference reference : jackson.getPath()) {
            if (reference.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                field.append('[').append(reference.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }

    /** What WebFlux refuses before the controller runs (415 wrong content type, 405, 406): a problem too. */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> refused(ResponseStatusException e) {
        HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
        if (status == null) {
            status = HttpStatus.BAD_REQUEST;
        }
        return ResponseEntity.status(status).headers(e.getHeaders())
                .body(problem(status, status.getReasonPhrase(), e.getReason() == null ? status.getReasonPhrase() : e.getReason(), List.of()).getBody());
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response.body(problem);
    }
}
