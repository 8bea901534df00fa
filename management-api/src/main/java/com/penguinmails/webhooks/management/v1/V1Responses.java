package com.penguinmails.webhooks.management.v1;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.core.annotation.AliasFor;

import com.penguinmails.webhooks.management.openapi.Responses;

/** The responses several {@code /v1} operations share, each written once. */
final class V1Responses {

    private V1Responses() {
    }

    /** 404: not a {@code /v1} webhook of the caller's workspace; {@code content} gives the operation's own example. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @ApiResponse(responseCode = "404", description = "Not a `/v1` webhook of this workspace")
    @interface NotFound {

        @AliasFor(annotation = ApiResponse.class, attribute = "content")
        Content[] content() default {};
    }

    /** 400 with spec 003's kind of refusal as its example. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @Responses.InvalidFields(content = @Content(mediaType = "application/problem+json",
            examples = @ExampleObject(name = "invalid", value = V1Examples.INVALID)))
    @interface InvalidFields {
    }
}
