package com.penguinmails.webhooks.management.webhook;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.penguinmails.webhooks.management.auth.ApiPrincipal;
import com.penguinmails.webhooks.management.idempotency.IdempotentRequests;
import com.penguinmails.webhooks.management.openapi.Responses;
import com.penguinmails.webhooks.management.page.Page;
import reactor.core.publisher.Mono;

/** The platform webhook API: {@code /api/v1/platform/webhooks} and the lifecycle of one webhook. */
@RestController
@RequestMapping("/api/v1/platform/webhooks")
@Tag(name = "Webhooks", description = "Endpoints that receive events, and their lifecycle.")
class WebhookController {

    private final WebhookService service;
    private final IdempotentRequests idempotency;

    WebhookController(WebhookService service, IdempotentRequests idempotency) {
        this.service = service;
        this.idempotency = idempotency;
    }

    /** The body of a rotation: how long the old secret keeps signing, 0 to 604800 seconds (default a day). */
    public record RotateSecretRequest(Long gracePeriodSeconds) {
    }

    @PostMapping
    @Operation(operationId = "createWebhook", summary = "Create a webhook",
            description = "Answers once the dispatchers can see it. The `secret` (`whsec_...`) is shown in this answer only.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
                    name = "crm", value = WebhookExamples.CREATE_REQUEST))),
            responses = {
                    @ApiResponse(responseCode = "201", description = "Created, with its secret",
                            content = @Content(schema = @Schema(implementation = WebhookView.class),
                                    examples = @ExampleObject(name = "created", value = WebhookExamples.CREATED))),
                    @ApiResponse(responseCode = "400", description = "Invalid fields, each listed in `errors`, or a field the body does not have",
                            content = @Content(mediaType = "application/problem+json", examples = {
                                    @ExampleObject(name = "invalid", value = WebhookExamples.INVALID),
                                    @ExampleObject(name = "unknown field", value = WebhookExamples.UNKNOWN_FIELD)})),
                    @ApiResponse(responseCode = "409", description = "A request with this Idempotency-Key is still in progress"),
                    @ApiResponse(responseCode = "422", description = "This Idempotency-Key was used with a different request")})
    Mono<ResponseEntity<Object>> create(
            ApiPrincipal principal,
            @Parameter(description = "Makes a retried create safe: a request with the same key and body within 24 hours "
                    + "gets the first answer again instead of creating a second webhook", example = "3f2c9a4e-7b1d-4c8e-9f60-2a5d7e1b0c93")
            @RequestHeader(name = IdempotentRequests.HEADER, required = false) String idempotencyKey,
            @RequestBody(required = false) CreateWebhookRequest request) {
        // an invalid body is refused here, before its idempotency key is claimed
        Mono<WebhookView> created = service.create(principal, request);
        return idempotency.run(principal.workspaceId(), idempotencyKey, "POST /api/v1/platform/webhooks", request,
                () -> created.map(view -> ResponseEntity.status(HttpStatus.CREATED).<Object>body(view)));
    }

    @GetMapping
    @Operation(operationId = "listWebhooks", summary = "List webhooks",
            description = "The workspace's webhooks, newest first, a page at a time; every filter is optional. No secrets.")
    Mono<Page<WebhookView>> list(
            ApiPrincipal principal,
            @Parameter(description = "Only webhooks in this status", schema = @Schema(allowableValues = {"active", "paused", "disabled"}))
            @RequestParam(required = false) String status,
            @Parameter(description = "Only webhooks that receive this event type (or any type of a category such as `email.*`)",
                    example = "email.opened")
            @RequestParam(name = "event_type", required = false) String eventType,
            @Parameter(description = "Only webhooks whose name or URL contains this text, ignoring case", example = "crm")
            @RequestParam(required = false) String search,
            @Parameter(description = "Webhooks per page, 1–100", schema = @Schema(type = "integer", defaultValue = "20", minimum = "1", maximum = "100"))
            @RequestParam(required = false) String limit,
            @Parameter(description = "The `next_cursor` of the previous page")
            @RequestParam(required = false) String cursor) {
        return service.list(principal, WebhookListQuery.parse(status, eventType, search, limit, cursor));
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getWebhook", summary = "Get a webhook", description = "Its settings and health; never its secret.",
            responses = @ApiResponse(responseCode = "200", description = "The webhook",
                    content = @Content(schema = @Schema(implementation = WebhookView.class),
                            examples = @ExampleObject(name = "webhook", value = WebhookExamples.WEBHOOK))))
    @Responses.WebhookNotFound
    Mono<WebhookView> get(ApiPrincipal principal, @PathVariable String id) {
        return service.get(principal, id);
    }

    /** Replaces every setting; fields left out take their defaults, as on create. */
    @PutMapping("/{id}")
    @Operation(operationId = "replaceWebhook", summary = "Replace a webhook's settings",
            description = "Fields left out take their defaults, as on create. The id, secrets and delivery history stay. "
                    + "A webhook disabled after repeated failures keeps `\"status\": \"disabled\"` if sent back as it is; "
                    + "`active` resumes it and clears its failure streak.")
    Mono<WebhookView> replace(ApiPrincipal principal, @PathVariable String id, @RequestBody(required = false) CreateWebhookRequest request) {
        return service.replace(principal, id, request);
    }

    /** Changes only the fields given. */
    @PatchMapping("/{id}")
    @Operation(operationId = "patchWebhook", summary = "Change some of a webhook's settings", description = "Only the fields given change.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
                    name = "longer timeout", value = "{\"timeout_seconds\": 10, \"max_retries\": 3}"))))
    Mono<WebhookView> patch(ApiPrincipal principal, @PathVariable String id, @RequestBody(required = false) CreateWebhookRequest patch) {
        return service.patch(principal, id, patch);
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "deleteWebhook", summary = "Delete a webhook",
            description = "The dispatchers forget it before the answer comes. Its delivery history is kept.",
            responses = {@ApiResponse(responseCode = "204", description = "Deleted"),
                    @ApiResponse(responseCode = "403", description = "The caller's key is a developer key: only admins delete")})
    @Responses.WebhookNotFound
    Mono<ResponseEntity<Void>> delete(ApiPrincipal principal, @PathVariable String id) {
        return service.delete(principal, id).then(Mono.fromSupplier(() -> ResponseEntity.noContent().<Void>build()));
    }

    /** Stops deliveries; events that arrive meanwhile are recorded as skipped. */
    @PostMapping("/{id}/pause")
    @Operation(operationId = "pauseWebhook", summary = "Pause a webhook", description = "Matching events are recorded as `skipped` deliveries until it is resumed.")
    Mono<WebhookView> pause(ApiPrincipal principal, @PathVariable String id) {
        return service.pause(principal, id);
    }

    /** The optional body of a resume: whether to send the deliveries skipped while paused, now. */
    public record ResumeRequest(Boolean replaySkipped) {
    }

    @PostMapping("/{id}/resume")
    @Operation(operationId = "resumeWebhook", summary = "Resume a webhook",
            description = "When it was paused or disabled, also clears its failure streak (failed attempts in a row, `failing`). "
                    + "With `{\"replay_skipped\": true}` also sends the deliveries skipped while paused.")
    Mono<WebhookView> resume(ApiPrincipal principal, @PathVariable String id, @RequestBody(required = false) ResumeRequest request) {
        return service.resume(principal, id, request != null && Boolean.TRUE.equals(request.replaySkipped()));
    }

    /** A new secret, shown once; the old one keeps signing alongside it for the grace period. */
    @PostMapping("/{id}/rotate-secret")
    @Operation(operationId = "rotateWebhookSecret", summary = "Rotate a webhook's signing secret",
            description = "The new secret is shown once; the old one keeps signing alongside it for the grace period (default a day).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
                    name = "one hour", value = "{\"grace_period_seconds\": 3600}"))),
            responses = @ApiResponse(responseCode = "200", description = "The new secret",
                    content = @Content(schema = @Schema(implementation = WebhookService.NewSecret.class),
                            examples = @ExampleObject(name = "rotated", value = WebhookExamples.ROTATED))))
    Mono<WebhookService.NewSecret> rotateSecret(ApiPrincipal principal, @PathVariable String id,
                                                @RequestBody(required = false) RotateSecretRequest request) {
        return service.rotateSecret(principal, id, request == null ? null : request.gracePeriodSeconds());
    }
}
