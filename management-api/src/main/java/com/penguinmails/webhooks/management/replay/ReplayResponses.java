package com.penguinmails.webhooks.management.replay;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import com.penguinmails.webhooks.management.openapi.Responses;

/** The responses both ways of starting a replay share, written once. */
final class ReplayResponses {

    private ReplayResponses() {
    }

    /** 202 with the replay counted and queued, or 400 naming the invalid fields. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @ApiResponse(responseCode = "202", description = "Counted and queued",
            content = @Content(schema = @Schema(implementation = ReplayView.class),
                    examples = @ExampleObject(name = "replay", value = ReplayExamples.RUNNING)))
    @Responses.InvalidFields(content = @Content(mediaType = "application/problem+json",
            examples = @ExampleObject(name = "invalid", value = ReplayExamples.INVALID)))
    @interface Started {
    }
}
