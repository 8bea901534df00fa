package com.penguinmails.webhooks.management.webhook;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.webhooks.management.auth.ApiPrincipal;
import com.penguinmails.webhooks.management.problem.ApiException;
import reactor.core.publisher.Mono;

/** The platform webhook API: {@code /api/v1/platform/webhooks}. */
@RestController
@RequestMapping("/api/v1/platform/webhooks")
class WebhookController {

    private final WebhookService service;
    private final WebhookValidator validator;

    WebhookController(WebhookService service, WebhookValidator validator) {
        this.service = service;
        this.validator = validator;
    }

    /** The list envelope: {@code {"data": [...]}}, so that paging fields can join it later. */
    record WebhookList(List<WebhookView> data) {
    }

    @PostMapping
    Mono<ResponseEntity<WebhookView>> create(ApiPrincipal principal, @RequestBody(required = false) CreateWebhookRequest request) {
        if (request == null) {
            return Mono.error(ApiException.validation(List.of(new com.penguinmails.webhooks.management.problem.FieldError(
                    "body", "A JSON body with at least 'url' and 'events' is required."))));
        }
        return service.create(principal.workspaceId(), validator.validate(request))
                .map(view -> ResponseEntity.status(HttpStatus.CREATED).body(view));
    }

    @GetMapping
    Mono<WebhookList> list(ApiPrincipal principal) {
        return service.list(principal.workspaceId()).collectList().map(WebhookList::new);
    }

    @GetMapping("/{id}")
    Mono<WebhookView> get(ApiPrincipal principal, @PathVariable String id) {
        return service.find(principal.workspaceId(), id).switchIfEmpty(Mono.error(ApiException.notFound("Webhook " + id)));
    }
}
