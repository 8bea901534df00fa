package com.penguinmails.webhooks.management.delivery;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.penguinmails.webhooks.management.auth.ApiPrincipal;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code GET /api/v1/platform/webhooks/{id}/deliveries.csv}: the filtered delivery log as CSV, streamed. */
@RestController
@Tag(name = "Deliveries")
class DeliveryExportController {

    private final DeliveryExport export;

    DeliveryExportController(DeliveryExport export) {
        this.export = export;
    }

    @GetMapping(value = "/api/v1/platform/webhooks/{webhookId}/deliveries.csv", produces = "text/csv")
    @Operation(operationId = "exportDeliveries", summary = "Export a webhook's deliveries as CSV",
            description = "The same filters as the list (no paging): every matching delivery, newest first, streamed.")
    Mono<ResponseEntity<Flux<DataBuffer>>> export(
            ApiPrincipal principal, @PathVariable String webhookId,
            @RequestParam(required = false) String status,
            @RequestParam(name = "event_type", required = false) String eventType,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(name = "status_class", required = false) String statusClass,
            @RequestParam(required = false) String search,
            @RequestParam(name = "include_archived", required = false) String includeArchived) {
        return export.csv(principal, webhookId, DeliveryListQuery.export(status, eventType, from, to, statusClass, search, includeArchived));
    }
}
