package com.penguinmails.webhooks.management.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.core.annotation.AliasFor;

/**
 * The responses that many operations of the API share, each written once: annotate an operation's method with one to
 * document it (springdoc reads them as meta-annotations). Every 4xx is typed as a problem, and 401 and 429 are added
 * to every operation, by {@link OpenApiConfiguration}.
 */
public final class Responses {

    private Responses() {
    }

    /** 404: the webhook named in the path is not one of the caller's workspace (or does not exist). */
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @ApiResponse(responseCode = "404", description = "Not a webhook of this workspace")
    public @interface WebhookNotFound {
    }

    /** 400: the request's invalid fields, each with its reason; {@code content} gives the operation's own example. */
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @ApiResponse(responseCode = "400", description = "Invalid fields, each listed in `errors`")
    public @interface InvalidFields {

        @AliasFor(annotation = ApiResponse.class, attribute = "content")
        Content[] content() default {};
    }

    /** 403: only an admin key may do this; {@code content} gives the operation's own example. */
    @Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @Documented
    @ApiResponse(responseCode = "403", description = "The caller's key is not an admin key")
    public @interface AdminKeyOnly {

        @AliasFor(annotation = ApiResponse.class, attribute = "content")
        Content[] content() default {};
    }
}
