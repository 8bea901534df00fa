package com.penguinmails.webhooks.management.events;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code GET /api/v1/platform/webhooks/events}: the {@link EventCatalog event reference} of spec 004. Public, like any
 * documentation.
 */
@RestController
@Tag(name = "Event reference")
class EventCatalogController {

    @GetMapping("/api/v1/platform/webhooks/events")
    @Operation(operationId = "listEventTypes", summary = "The event reference",
            description = "Every event type with its category, description, `/v1` short name, the JSON Schema of its `data` and an example payload; "
                    + "the types of spec 003 also with an example of its transactional shape (`to` rather than `contact`). No API key needed.")
    EventCatalog.Catalog events() {
        return EventCatalog.catalog();
    }
}
