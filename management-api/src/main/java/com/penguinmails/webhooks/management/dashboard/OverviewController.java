package com.penguinmails.webhooks.management.dashboard;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

import com.penguinmails.webhooks.management.auth.ApiPrincipal;
import com.penguinmails.webhooks.management.delivery.DeliveryListQuery;
import com.penguinmails.webhooks.management.delivery.DeliveryService;
import com.penguinmails.webhooks.management.events.EventCatalog;
import com.penguinmails.webhooks.management.stats.StatsService;
import com.penguinmails.webhooks.management.webhook.WebhookListQuery;
import com.penguinmails.webhooks.management.webhook.WebhookService;
import com.penguinmails.webhooks.management.webhook.WebhookView;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code /dashboard/settings/webhooks}: the metric cards, the webhook cards with their health and quick actions, the
 * filters and the empty state; and the quick actions themselves (pause, resume, delete), which go through the services
 * the API uses, so that the same rules apply (only an admin deletes).
 */
@Controller
class OverviewController {

    /** The overview shows up to this many webhooks; a workspace has a handful. */
    static final String MAX_CARDS = "100";
    /** A card shows its webhook's latest delivery, whatever its state. */
    private static final DeliveryListQuery LATEST_DELIVERY = DeliveryListQuery.page(null, null, null, null, null, null, null, "1", null);

    private final WebhookService webhooks;
    private final StatsService stats;
    private final DeliveryService deliveries;

    OverviewController(WebhookService webhooks, StatsService stats, DeliveryService deliveries) {
        this.webhooks = webhooks;
        this.stats = stats;
        this.deliveries = deliveries;
    }

    @GetMapping({"/dashboard", "/dashboard/", "/dashboard/settings"})
    Rendering home() {
        return Rendering.redirectTo(DashboardSecurityConfiguration.HOME).build();
    }

    @GetMapping(DashboardSecurityConfiguration.HOME)
    Mono<Rendering> overview(@AuthenticationPrincipal DashboardUser user,
                             @RequestParam(required = false) String status,
                             @RequestParam(required = false) String event,
                             @RequestParam(required = false) String search,
                             @RequestParam(required = false) String deleted) {
        ApiPrincipal principal = user.principal();
        String state = status == null || status.isBlank() ? "all" : status;
        // the API filters by stored status; "failing" is a health flag of active webhooks, picked out here
        String apiStatus = switch (state) {
            case "active", "failing" -> "active";
            case "paused" -> "paused";
            case "inactive" -> "disabled";
            default -> null;
        };
        String eventType = event == null || event.isBlank() ? null : event;
        Mono<List<WebhookCard>> cards = Mono.defer(() -> webhooks.list(principal, WebhookListQuery.parse(apiStatus, eventType, search, MAX_CARDS, null)))
                .flatMapMany(page -> Flux.fromIterable(page.data()))
                .concatMap(webhook -> card(principal, webhook))
                .filter(card -> state.equals("all") || card.state().equals(state))
                .collectList();
        return Mono.zip(stats.workspace(principal), cards).map(both -> Rendering.view("dashboard/overview")
                .modelAttribute("stats", both.getT1())
                .modelAttribute("cards", both.getT2())
                .modelAttribute("status", state)
                .modelAttribute("event", eventType == null ? "" : eventType)
                .modelAttribute("search", search == null ? "" : search)
                .modelAttribute("filtered", !state.equals("all") || eventType != null || (search != null && !search.isBlank()))
                .modelAttribute("catalog", EventCatalog.catalog())
                .modelAttribute("deleted", deleted == null ? "" : deleted)
                .build());
    }

    /** A webhook's card: its 24-hour health and latest delivery. */
    Mono<WebhookCard> card(ApiPrincipal principal, WebhookView webhook) {
        return Mono.zip(stats.webhook(principal, webhook.id()),
                        deliveries.list(principal, webhook.id(), LATEST_DELIVERY))
                .map(both -> new WebhookCard(webhook, both.getT1(), both.getT2().data().isEmpty() ? null : both.getT2().data().getFirst()));
    }

    @PostMapping(DashboardSecurityConfiguration.HOME + "/{id}/pause")
    Mono<Rendering> pause(@AuthenticationPrincipal DashboardUser user, @PathVariable String id, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> Mono.defer(() -> webhooks.pause(user.principal(), id))
                .thenReturn(Rendering.redirectTo(back(form.getFirst("back"), id)).build()));
    }

    @PostMapping(DashboardSecurityConfiguration.HOME + "/{id}/resume")
    Mono<Rendering> resume(@AuthenticationPrincipal DashboardUser user, @PathVariable String id, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> Mono.defer(() -> webhooks.resume(user.principal(), id, false))
                .thenReturn(Rendering.redirectTo(back(form.getFirst("back"), id)).build()));
    }

    @PostMapping(DashboardSecurityConfiguration.HOME + "/{id}/delete")
    Mono<Rendering> delete(@AuthenticationPrincipal DashboardUser user, @PathVariable String id) {
        return Mono.defer(() -> webhooks.delete(user.principal(), id))
                .thenReturn(Rendering.redirectTo(DashboardSecurityConfiguration.HOME + "?deleted=" + id).build());
    }

    /** Back to the page the action was taken on: the overview, or the webhook's own page. */
    private static String back(String back, String id) {
        return "details".equals(back) ? DashboardSecurityConfiguration.HOME + "/" + id : DashboardSecurityConfiguration.HOME;
    }
}
