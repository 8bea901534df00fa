package com.penguinmails.webhooks.ingest.http;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import com.penguinmails.webhooks.ingest.validation.InvalidEventsException;

/** Every refusal leaves as an RFC 9457 problem, with a field-level list for validation failures. */
@RestControllerAdvice
class ProblemDetailsAdvice {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalid(InvalidEventsException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle(e.status() == HttpStatus.BAD_REQUEST ? "Invalid events" : "Request too large");
        problem.setProperty("errors", e.errors());
        return ResponseEntity.status(e.status()).body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unauthorized(UnauthorizedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
        problem.setTitle("Unauthorized");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> rateLimited(RateLimitedException e) {
        long seconds = Math.max(1, (e.retryAfter().toMillis() + 999) / 1000);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "This API key sent more events than its rate limit allows; retry after " + seconds + " s.");
        problem.setTitle("Too many events");
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)).body(problem);
    }
}
