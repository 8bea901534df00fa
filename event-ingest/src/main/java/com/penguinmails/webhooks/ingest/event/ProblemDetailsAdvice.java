package com.penguinmails.webhooks.ingest.event;

import java.net.URI;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Every refusal leaves as an RFC 9457 problem, with a field-level list for validation failures. */
@RestControllerAdvice
class ProblemDetailsAdvice {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> invalid(InvalidEventsException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setTitle(e.status() == HttpStatus.BAD_REQUEST ? "Invalid events" : "Request too large");
        problem.setType(URI.create("https://docs.penguinmails.com/webhooks/errors#" + (e.status() == HttpStatus.BAD_REQUEST ? "invalid-events" : "too-large")));
        problem.setProperty("errors", e.errors());
        return ResponseEntity.status(e.status()).body(problem);
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unauthorized(UnauthorizedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
        problem.setTitle("Unauthorized");
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .body(problem);
    }
}
