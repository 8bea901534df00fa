package com.penguinmails.webhooks.management.auth;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.penguinmails.webhooks.management.openapi.Responses;
import com.penguinmails.webhooks.management.page.Page;
import reactor.core.publisher.Mono;

/**
 * {@code /api/v1/platform/api-keys}: the workspace's API keys, for admin keys only ({@link ApiKeyService} checks the
 * role before it reads the body).
 */
@RestController
@RequestMapping("/api/v1/platform/api-keys")
@Tag(name = "API keys", description = "Keys that call this API and event ingest. Admin keys only.")
class ApiKeyController {

    private final ApiKeyService service;

    ApiKeyController(ApiKeyService service) {
        this.service = service;
    }

    @PostMapping
    @Operation(operationId = "createApiKey", summary = "Create an API key",
            description = "The `key` (`pm_...`) is shown in this answer only; it is stored as a SHA-256 hash and recognised "
                    + "later by its `prefix`. Answers once event ingest is being told of it; it works there within moments.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
                    name = "ci", value = ApiKeyExamples.CREATE_REQUEST))),
            responses = {
                    @ApiResponse(responseCode = "201", description = "Created, with the key itself",
                            content = @Content(schema = @Schema(implementation = ApiKeyView.class),
                                    examples = @ExampleObject(name = "created", value = ApiKeyExamples.CREATED)))})
    @Responses.InvalidFields(content = @Content(mediaType = "application/problem+json",
            examples = @ExampleObject(name = "invalid", value = ApiKeyExamples.INVALID)))
    @Responses.AdminKeyOnly(content = @Content(mediaType = "application/problem+json",
            examples = @ExampleObject(name = "developer", value = ApiKeyExamples.FORBIDDEN)))
    Mono<ResponseEntity<ApiKeyView>> create(ApiPrincipal principal, @RequestBody(required = false) Mono<CreateApiKeyRequest> body) {
        return service.create(principal, body).map(view -> ResponseEntity.status(HttpStatus.CREATED).body(view));
    }

    @GetMapping
    @Operation(operationId = "listApiKeys", summary = "List API keys",
            description = "Every key of the workspace, revoked ones included (with `revoked_at`), newest first, in one page. "
                    + "Never a key itself nor its hash.",
            responses = @ApiResponse(responseCode = "200", description = "The keys",
                    content = @Content(examples = @ExampleObject(name = "keys", value = ApiKeyExamples.LIST))))
    @Responses.AdminKeyOnly
    Mono<Page<ApiKeyView>> list(ApiPrincipal principal) {
        return service.list(principal).collectList().map(views -> new Page<>(views, false, null));
    }

    @GetMapping("/{id}")
    @Operation(operationId = "getApiKey", summary = "Get an API key", description = "Its name, role, prefix and times; never the key.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The key",
                            content = @Content(schema = @Schema(implementation = ApiKeyView.class),
                                    examples = @ExampleObject(name = "key", value = ApiKeyExamples.KEY))),
                    @ApiResponse(responseCode = "404", description = "Not a key of this workspace")})
    @Responses.AdminKeyOnly
    Mono<ApiKeyView> get(ApiPrincipal principal, @PathVariable String id) {
        return service.find(principal, id);
    }

    @DeleteMapping("/{id}")
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key",
            description = "The key is refused (401) by this API at once and by event ingest within moments. Revoking a revoked "
                    + "key is a no-op. A key cannot revoke itself, and the last active admin key cannot be revoked (409).",
            responses = {@ApiResponse(responseCode = "204", description = "Revoked"),
                    @ApiResponse(responseCode = "404", description = "Not a key of this workspace"),
                    @ApiResponse(responseCode = "409", description = "The caller's own key, or the last active admin key",
                            content = @Content(mediaType = "application/problem+json",
                                    examples = @ExampleObject(name = "own key", value = ApiKeyExamples.CANNOT_REVOKE)))})
    @Responses.AdminKeyOnly
    Mono<ResponseEntity<Void>> revoke(ApiPrincipal principal, @PathVariable String id) {
        return service.revoke(principal, id).then(Mono.fromSupplier(() -> ResponseEntity.noContent().<Void>build()));
    }
}
