package com.penguinmails.webhooks.management.v1;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
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
import com.penguinmails.webhooks.management.page.PageRequest;
import com.penguinmails.webhooks.management.problem.ApiException;
import com.penguinmails.webhooks.management.problem.FieldError;
import com.penguinmails.webhooks.management.webhook.WebhookService;
import com.penguinmails.webhooks.model.signing.WebhookSecrets;
import reactor.core.publisher.Mono;

/**
 * The compact webhook API of spec 003, {@code /v1/webhooks}: short event names, a secret the user may choose,
 * {@code X-Webhook-Signature: sha256=<hex>} and spec 003's retries (after 1 m, 5 m, 30 m). It manages only the webhooks
 * created through it: a platform API webhook, like another workspace's, answers 404 here.
 */
@RestController
@RequestMapping("/v1/webhooks")
@Tag(name = "Compact API (/v1)", description = "Spec 003's webhook API: short event names, your own secret, "
        + "`X-Webhook-Signature: sha256=<hex HMAC-SHA256 of the raw body>`.")
class V1WebhookController {

    static final int DEFAULT_LOG_LIMIT = 20;
    static final int MAX_LOG_LIMIT = 100;

    private final WebhookService service;
    private final V1WebhookValidator validator;
    private final V1LogRepository logs;

    V1WebhookController(WebhookService service, V1WebhookValidator validator, V1LogRepository logs) {
        this.service = service;
        this.validator = validator;
        this.logs = logs;
    }

    @PostMapping
    @Operation(operationId = "v1CreateWebhook", summary = "Create a webhook",
            description = "`url` and `events` are required. `secret` (16–256 characters) signs the deliveries; without one a "
                    + "`whsec_...` secret is generated and returned in this answer only. A given secret is never returned. "
                    + "Answers once the dispatchers can see the webhook.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = V1WebhookRequest.class),
                    examples = @ExampleObject(name = "spec 003", value = V1Examples.CREATE_REQUEST))),
            responses = {
                    @ApiResponse(responseCode = "201", description = "Created",
                            content = @Content(schema = @Schema(implementation = V1WebhookView.class), examples = {
                                    @ExampleObject(name = "with your secret", value = V1Examples.WEBHOOK),
                                    @ExampleObject(name = "with a generated secret", value = V1Examples.CREATED_WITH_SECRET)}))})
    @V1Responses.InvalidFields
    Mono<ResponseEntity<V1WebhookView>> create(ApiPrincipal principal, @RequestBody(required = false) V1WebhookRequest request) {
        V1WebhookValidator.Valid valid = validator.create(request);
        String generated = valid.secret() == null ? WebhookSecrets.generate() : null;
        return service.createV1(principal, valid.url(), valid.eventTypes(), valid.active() == null || valid.active(),
                        generated == null ? valid.secret() : generated)
                .map(webhook -> ResponseEntity.status(HttpStatus.CREATED).body(V1WebhookView.of(webhook, generated)));
    }

    @GetMapping
    @Operation(operationId = "v1ListWebhooks", summary = "List webhooks",
            description = "Every webhook created through `/v1` in the workspace, newest first, under `data`.",
            responses = @ApiResponse(responseCode = "200", description = "The webhooks",
                    content = @Content(schema = @Schema(implementation = V1WebhookList.class),
                            examples = @ExampleObject(name = "one webhook", value = V1Examples.LIST))))
    Mono<V1WebhookList> list(ApiPrincipal principal) {
        return service.listV1(principal).map(webhook -> V1WebhookView.of(webhook, null)).collectList()
                .map(V1WebhookList::new);
    }

    @GetMapping("/{id}")
    @Operation(operationId = "v1GetWebhook", summary = "Get a webhook",
            responses = @ApiResponse(responseCode = "200", description = "The webhook",
                    content = @Content(schema = @Schema(implementation = V1WebhookView.class),
                            examples = @ExampleObject(name = "webhook", value = V1Examples.WEBHOOK))))
    @V1Responses.NotFound(content = @Content(mediaType = "application/problem+json",
            examples = @ExampleObject(name = "not found", value = V1Examples.NOT_FOUND)))
    Mono<V1WebhookView> get(ApiPrincipal principal, @PathVariable String id) {
        return service.findV1(principal, id).map(webhook -> V1WebhookView.of(webhook, null));
    }

    @PutMapping("/{id}")
    @Operation(operationId = "v1UpdateWebhook", summary = "Update a webhook",
            description = "Changes only the fields given, as in spec 003's example (`events` alone). `\"active\": false` pauses "
                    + "it (matching events are logged as `skipped`), `true` resumes it. A new `secret` replaces the old one at once.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(
                    schema = @Schema(implementation = V1WebhookRequest.class), examples = {
                    @ExampleObject(name = "spec 003", value = V1Examples.UPDATE_REQUEST),
                    @ExampleObject(name = "pause", value = V1Examples.PAUSE_REQUEST)})),
            responses = @ApiResponse(responseCode = "200", description = "The webhook as it is now",
                    content = @Content(schema = @Schema(implementation = V1WebhookView.class),
                            examples = @ExampleObject(name = "webhook", value = V1Examples.WEBHOOK))))
    @V1Responses.InvalidFields
    @V1Responses.NotFound
    Mono<V1WebhookView> update(ApiPrincipal principal, @PathVariable String id, @RequestBody(required = false) V1WebhookRequest request) {
        V1WebhookValidator.Valid valid = validator.update(request);
        return service.updateV1(principal, id, valid.url(), valid.eventTypes(), valid.active(), valid.secret())
                .map(webhook -> V1WebhookView.of(webhook, null));
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "v1DeleteWebhook", summary = "Delete a webhook",
            description = "The dispatchers forget it before the answer comes.",
            responses = {@ApiResponse(responseCode = "204", description = "Deleted"),
                    @ApiResponse(responseCode = "403", description = "The key is a developer key: only admins delete webhooks")})
    @V1Responses.NotFound
    Mono<ResponseEntity<Void>> delete(ApiPrincipal principal, @PathVariable String id) {
        return service.deleteV1(principal, id).then(Mono.fromSupplier(() -> ResponseEntity.noContent().<Void>build()));
    }

    @GetMapping("/{id}/logs")
    @Operation(operationId = "v1WebhookLogs", summary = "Recent deliveries of a webhook",
            description = "Newest first, under `data`: each delivery in the state its latest attempt left it.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The deliveries",
                            content = @Content(schema = @Schema(implementation = V1LogList.class),
                                    examples = @ExampleObject(name = "delivered", value = V1Examples.LOGS))),
                    @ApiResponse(responseCode = "400", description = "`limit` is not between 1 and 100")})
    @V1Responses.NotFound
    Mono<V1LogList> logs(
            ApiPrincipal principal, @PathVariable String id,
            @Parameter(description = "Deliveries to show, 1–100", schema = @Schema(type = "integer", defaultValue = "20", minimum = "1", maximum = "100"))
            @RequestParam(required = false) String limit) {
        List<FieldError> errors = new ArrayList<>();
        PageRequest page = PageRequest.parse(limit, null, DEFAULT_LOG_LIMIT, MAX_LOG_LIMIT, errors);
        if (!errors.isEmpty()) {
            return Mono.error(ApiException.validation(errors));
        }
        return service.findV1(principal, id)
                .flatMap(webhook -> logs.latest(principal.workspaceId(), id, page.limit()).collectList())
                .map(V1LogList::new);
    }
}
