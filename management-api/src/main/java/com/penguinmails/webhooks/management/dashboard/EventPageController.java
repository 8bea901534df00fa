package com.penguinmails.webhooks.management.dashboard;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.reactive.result.view.Rendering;

import com.penguinmails.webhooks.management.events.EventCatalog;
import com.penguinmails.webhooks.management.events.EventService;
import com.penguinmails.webhooks.management.webhook.WebhookService;
import reactor.core.publisher.Mono;

/** A delivery's "View Event" (spec 004 delivery log): the stored event, beside the webhook it was delivered to. */
@Controller
class EventPageController {

    private final WebhookService webhooks;
    private final EventService events;

    EventPageController(WebhookService webhooks, EventService events) {
        this.webhooks = webhooks;
        this.events = events;
    }

    @GetMapping(DashboardSecurityConfiguration.HOME + "/{id}/events/{eventId}")
    Mono<Rendering> event(@AuthenticationPrincipal DashboardUser user, @PathVariable String id, @PathVariable String eventId) {
        return Mono.defer(() -> webhooks.get(user.principal(), id)).zipWith(Mono.defer(() -> events.get(user.principal(), eventId)))
                .map(both -> Rendering.view("dashboard/event")
                        .modelAttribute("webhook", both.getT1())
                        .modelAttribute("event", both.getT2())
                        .modelAttribute("description", EventCatalog.catalog().data().stream()
                                .filter(e -> e.type().equals(both.getT2().type())).findFirst().orElse(null))
                        .build());
    }
}
