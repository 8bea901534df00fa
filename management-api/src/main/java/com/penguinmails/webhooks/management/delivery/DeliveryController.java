package com.penguinmails.webhooks.management.delivery;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.penguinmails.webhooks.management.auth.ApiPrincipal;
import com.penguinmails.webhooks.management.problem.ApiException;
import com.penguinmails.webhooks.management.problem.FieldError;
import reactor.core.publisher.Mono;

/** The delivery log of a webhook, newest first, and one delivery with all its attempts. */
@RestController
@RequestMapping("/api/v1/platform/webhooks/{webhookId}/deliveries")
class DeliveryController {

    static final int MAX_LIMIT = 200;

    private final DeliveryRepository deliveries;

    DeliveryController(DeliveryRepository deliveries) {
        this.deliveries = deliveries;
    }

    record DeliveryList(List<DeliveryView> data) {
    }

    @GetMapping
    Mono<DeliveryList> list(ApiPrincipal principal, @PathVariable String webhookId,
                            @RequestParam(defaultValue = "50") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            return Mono.error(ApiException.validation(List.of(new FieldError("limit", "limit must be between 1 and " + MAX_LIMIT + "."))));
        }
        return requireWebhook(principal, webhookId)
                .then(deliveries.findByWebhook(principal.workspaceId(), webhookId, limit).collectList())
                .map(DeliveryList::new);
    }

    @GetMapping("/{deliveryId}")
    Mono<DeliveryView> get(ApiPrincipal principal, @PathVariable String webhookId, @PathVariable String deliveryId) {
        return requireWebhook(principal, webhookId)
                .then(deliveries.findById(principal.workspaceId(), webhookId, deliveryId))
                .switchIfEmpty(Mono.error(ApiException.notFound("Delivery " + deliveryId)))
                .flatMap(delivery -> deliveries.attempts(deliveryId).collectList().map(delivery::withAttempts));
    }

    private Mono<Void> requireWebhook(ApiPrincipal principal, String webhookId) {
        return deliveries.webhookExists(principal.workspaceId(), webhookId)
                .flatMap(found -> found ? Mono.<Void>empty() : Mono.error(ApiException.notFound("Webhook " + webhookId)));
    }
}
