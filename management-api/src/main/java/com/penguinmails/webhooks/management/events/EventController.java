package com.penguinmails.webhooks.management.events;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.penguinmails.webhooks.management.auth.ApiPrincipal;
import reactor.core.publisher.Mono;

/** One event of the workspace from the event store: what a delivery's "View Event" link shows (spec 004 delivery log). */
@RestController
@Tag(name = "Events", description = "Stored events of the workspace.")
class EventController {

    private final EventService events;

    EventController(EventService events) {
        this.events = events;
    }

    @GetMapping("/api/v1/platform/events/{eventId}")
    @Operation(operationId = "getEvent", summary = "Get a stored event",
            description = "The event as receivers get it (`id`, `type`, `created_at`, `data`) and `stored_at`. 404 when it is not in this workspace's event store (kept for the retention period).")
    Mono<EventView> get(ApiPrincipal principal, @PathVariable String eventId) {
        return events.get(principal, eventId);
    }
}
