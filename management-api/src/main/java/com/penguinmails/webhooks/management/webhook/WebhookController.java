package com.penguinmails.webhooks.management.webhook;

import java.time.Duration;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.webhooks.management.auth.ApiPrincipal;
import com.penguinmails.webhooks.management.delivery.DeliveryRequeue;
import com.penguinmails.webhooks.management.problem.ApiException;
import com.penguinmails.webhooks.management.problem.FieldError;
import reactor.core.publisher.Mono;

/** The platform webhook API: {@code /api/v1/platform/webhooks} and the lifecycle of one webhook. */
@RestController
@RequestMapping("/api/v1/platform/webhooks")
class WebhookController {

    static final Duration DEFAULT_GRACE = Duration.ofHours(24);
    static final Duration MAX_GRACE = Duration.ofDays(7);

    private final WebhookService service;
    private final WebhookValidator validator;
    private final DeliveryRequeue requeue;

    WebhookController(WebhookService service, WebhookValidator validator, DeliveryRequeue requeue) {
        this.service = service;
        this.validator = validator;
        this.requeue = requeue;
    }

    /** The list envelope: {@code {"data": [...]}}, so that paging fields can join it later. */
    record WebhookList(List<WebhookView> data) {
    }

    /** The body of a rotation: how long the old secret keeps signing, 0 to 604800 seconds (default a day). */
    record RotateSecretRequest(Long gracePeriodSeconds) {
    }

    @PostMapping
    Mono<ResponseEntity<WebhookView>> create(ApiPrincipal principal, @RequestBody(required = false) CreateWebhookRequest request) {
        return service.create(principal.workspaceId(), validator.validate(required(request)))
                .map(view -> ResponseEntity.status(HttpStatus.CREATED).body(view));
    }

    @GetMapping
    Mono<WebhookList> list(ApiPrincipal principal) {
        return service.list(principal.workspaceId()).collectList().map(WebhookList::new);
    }

    @GetMapping("/{id}")
    Mono<WebhookView> get(ApiPrincipal principal, @PathVariable String id) {
        return service.find(principal.workspaceId(), id).switchIfEmpty(notFound(id));
    }

    /** Replaces every setting; fields left out take their defaults, as on create. */
    @PutMapping("/{id}")
    Mono<WebhookView> replace(ApiPrincipal principal, @PathVariable String id, @RequestBody(required = false) CreateWebhookRequest request) {
        WebhookValidator.ValidWebhook valid = validator.validate(required(request));
        return service.update(principal.workspaceId(), id, valid).switchIfEmpty(notFound(id));
    }

    /** Changes only the fields given. */
    @PatchMapping("/{id}")
    Mono<WebhookView> patch(ApiPrincipal principal, @PathVariable String id, @RequestBody(required = false) CreateWebhookRequest patch) {
        CreateWebhookRequest changes = required(patch);
        return service.find(principal.workspaceId(), id)
                .switchIfEmpty(notFound(id))
                .flatMap(current -> service.update(principal.workspaceId(), id,
                        validator.validate(WebhookService.merge(current, changes))))
                .switchIfEmpty(notFound(id));
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> delete(ApiPrincipal principal, @PathVariable String id) {
        return service.delete(principal.workspaceId(), id)
                .flatMap(deleted -> deleted ? Mono.just(ResponseEntity.noContent().<Void>build()) : notFound(id));
    }

    /** Stops deliveries; events that arrive meanwhile are recorded as skipped. */
    @PostMapping("/{id}/pause")
    Mono<WebhookView> pause(ApiPrincipal principal, @PathVariable String id) {
        return service.setStatus(principal.workspaceId(), id, "paused").switchIfEmpty(notFound(id));
    }

    /** The optional body of a resume: whether to send the deliveries skipped while paused, now. */
    record ResumeRequest(Boolean replaySkipped) {
    }

    @PostMapping("/{id}/resume")
    Mono<WebhookView> resume(ApiPrincipal principal, @PathVariable String id, @RequestBody(required = false) ResumeRequest request) {
        Mono<WebhookView> resumed = service.setStatus(principal.workspaceId(), id, "active").switchIfEmpty(notFound(id));
        if (request == null || !Boolean.TRUE.equals(request.replaySkipped())) {
            return resumed;
        }
        return resumed.flatMap(view -> requeue.replayAll(principal.workspaceId(), id, "skipped")
                .map(queued -> view.withReplayedSkipped(queued.queued())));
    }

    /** A new secret, shown once; the old one keeps signing alongside it for the grace period. */
    @PostMapping("/{id}/rotate-secret")
    Mono<WebhookService.NewSecret> rotateSecret(ApiPrincipal principal, @PathVariable String id,
                                                @RequestBody(required = false) RotateSecretRequest request) {
        Duration grace = request == null || request.gracePeriodSeconds() == null
                ? DEFAULT_GRACE : Duration.ofSeconds(request.gracePeriodSeconds());
        if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
            return Mono.error(ApiException.validation(List.of(new FieldError("grace_period_seconds",
                    "Grace period must be between 0 and 604800 seconds (7 days)."))));
        }
        return service.rotateSecret(principal.workspaceId(), id, grace).switchIfEmpty(notFound(id));
    }

    private static CreateWebhookRequest required(CreateWebhookRequest request) {
        if (request == null) {
            throw ApiException.validation(List.of(new FieldError("body", "A JSON body with at least 'url' and 'events' is required.")));
        }
        return request;
    }

    private static <T> Mono<T> notFound(String id) {
        return Mono.error(ApiException.notFound("Webhook " + id));
    }
}
