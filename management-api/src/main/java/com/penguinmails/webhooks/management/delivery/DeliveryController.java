package com.penguinmails.webhooks.management.delivery;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.penguinmails.webhooks.management.auth.ApiPrincipal;
import com.penguinmails.webhooks.management.page.Page;
import reactor.core.publisher.Mono;

/** The delivery log of a webhook, newest first, and one delivery with all its attempts. */
@RestController
@RequestMapping("/api/v1/platform/webhooks/{webhookId}/deliveries")
@Tag(name = "Deliveries", description = "The delivery log of a webhook, and sending deliveries again.")
class DeliveryController {

    private final DeliveryService deliveries;

    DeliveryController(DeliveryService deliveries) {
        this.deliveries = deliveries;
    }

    /** Sends one delivery again, whatever became of it (spec 004 "Retry"); its attempts so far are kept. */
    @PostMapping("/{deliveryId}/retry")
    @Operation(operationId = "retryDelivery", summary = "Send a delivery again",
            description = "Whatever became of it: a new attempt of the same event with the same delivery id. 409 while it is still scheduled or the webhook is paused.")
    Mono<ResponseEntity<DeliveryService.Retried>> retry(ApiPrincipal principal, @PathVariable String webhookId, @PathVariable String deliveryId) {
        return deliveries.retry(principal, webhookId, deliveryId).map(retried -> ResponseEntity.status(HttpStatus.ACCEPTED).body(retried));
    }

    /** Sends every failed delivery of the webhook again (spec 004 "Retry all failed"). */
    @PostMapping("/retry-failed")
    @Operation(operationId = "retryFailedDeliveries", summary = "Send every failed delivery again", description = "Up to 10,000 per call, apart from new events.")
    Mono<ResponseEntity<DeliveryService.Requeued>> retryFailed(ApiPrincipal principal, @PathVariable String webhookId) {
        return deliveries.retryFailed(principal, webhookId).map(requeued -> ResponseEntity.status(HttpStatus.ACCEPTED).body(requeued));
    }

    /**
     * Archives every failed delivery of the webhook (spec 004 "Clear Failed Log"): kept, but left out of the log and its
     * failed summary unless {@code include_archived=true}; not sent again by "retry all failed". Any role may, as any
     * may retry them.
     */
    @PostMapping("/archive-failed")
    @Operation(operationId = "archiveFailedDeliveries", summary = "Archive every failed delivery",
            description = "Nothing is deleted: archived deliveries leave the log unless `include_archived=true`. Retrying one brings it back.")
    Mono<DeliveryService.Archived> archiveFailed(ApiPrincipal principal, @PathVariable String webhookId) {
        return deliveries.archiveFailed(principal, webhookId);
    }

    @GetMapping
    @Operation(operationId = "listDeliveries", summary = "List a webhook's deliveries",
            description = "Newest first, a page at a time: each delivery's state after its latest attempt. Every filter is optional.")
    Mono<Page<DeliveryView>> list(
            ApiPrincipal principal, @PathVariable String webhookId,
            @Parameter(description = "Only deliveries in this state",
                    schema = @Schema(allowableValues = {"delivered", "pending_retry", "failed", "skipped", "queued"}))
            @RequestParam(required = false) String status,
            @Parameter(description = "Only this event type, or every type of a category such as `email.*`", example = "email.opened")
            @RequestParam(name = "event_type", required = false) String eventType,
            @Parameter(description = "Only deliveries created at or after this time (ISO-8601 with offset)", example = "2026-11-24T00:00:00Z")
            @RequestParam(required = false) String from,
            @Parameter(description = "Only deliveries created before this time (ISO-8601 with offset)", example = "2026-11-25T00:00:00Z")
            @RequestParam(required = false) String to,
            @Parameter(description = "Only deliveries whose latest answer had this class; `none` for no HTTP answer (timeout, refused, not sent)",
                    schema = @Schema(allowableValues = {"2xx", "3xx", "4xx", "5xx", "none"}))
            @RequestParam(name = "status_class", required = false) String statusClass,
            @Parameter(description = "An event id (`evt_…`), a delivery id (`dlv_…`) or a contact's e-mail address", example = "user@example.com")
            @RequestParam(required = false) String search,
            @Parameter(description = "`true` to list deliveries archived by \"Clear Failed Log\" too", schema = @Schema(type = "boolean", defaultValue = "false"))
            @RequestParam(name = "include_archived", required = false) String includeArchived,
            @Parameter(description = "Deliveries per page, 1–200", schema = @Schema(type = "integer", defaultValue = "50", minimum = "1", maximum = "200"))
            @RequestParam(required = false) String limit,
            @Parameter(description = "The `next_cursor` of the previous page")
            @RequestParam(required = false) String cursor) {
        return deliveries.list(principal, webhookId,
                DeliveryListQuery.page(status, eventType, from, to, statusClass, search, includeArchived, limit, cursor));
    }

    @GetMapping("/{deliveryId}")
    @Operation(operationId = "getDelivery", summary = "Get a delivery with all its attempts",
            description = "Per attempt the request headers as sent, the response headers and the first 16 KiB of the response body.")
    Mono<DeliveryView> get(ApiPrincipal principal, @PathVariable String webhookId, @PathVariable String deliveryId) {
        return deliveries.get(principal, webhookId, deliveryId);
    }
}
