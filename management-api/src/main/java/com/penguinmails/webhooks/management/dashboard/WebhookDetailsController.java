package com.penguinmails.webhooks.management.dashboard;

import java.util.List;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.reactive.result.view.Rendering;

import com.penguinmails.webhooks.management.auth.ApiPrincipal;
import com.penguinmails.webhooks.management.delivery.DeliveryController;
import com.penguinmails.webhooks.management.events.EventCatalogController;
import com.penguinmails.webhooks.management.replay.ReplayController;
import com.penguinmails.webhooks.management.stats.StatsController;
import com.penguinmails.webhooks.management.stats.WebhookStatsView;
import com.penguinmails.webhooks.management.webhook.WebhookController;
import reactor.core.publisher.Mono;

/**
 * {@code /dashboard/settings/webhooks/{id}} (spec 004 "Webhook Details"): configuration, 24-hour stats, the 7-day
 * charts, the last 50 deliveries, replays, the auto-paused banner; and rotating the secret, shown once.
 */
@Controller
class WebhookDetailsController {

    private static final String BASE = DashboardSecurityConfiguration.HOME;
    static final String RECENT_DELIVERIES = "50";

    private final WebhookController webhooks;
    private final StatsController stats;
    private final DeliveryController deliveries;
    private final ReplayController replays;
    private final EventCatalogController catalog;

    WebhookDetailsController(WebhookController webhooks, StatsController stats, DeliveryController deliveries,
                             ReplayController replays, EventCatalogController catalog) {
        this.webhooks = webhooks;
        this.stats = stats;
        this.deliveries = deliveries;
        this.replays = replays;
        this.catalog = catalog;
    }

    @GetMapping(BASE + "/{id}")
    Mono<Rendering> details(@AuthenticationPrincipal DashboardUser user, @PathVariable String id, ServerWebExchange exchange) {
        boolean saved = exchange.getRequest().getQueryParams().containsKey("saved");
        ApiPrincipal principal = user.principal();
        return Mono.defer(() -> webhooks.get(principal, id)).flatMap(webhook -> Mono.zip(
                        stats.webhook(principal, id),
                        deliveries.list(principal, id, null, null, null, null, null, null, null, RECENT_DELIVERIES, null),
                        replays.listForWebhook(principal, id, "1", null))
                .map(all -> Rendering.view("dashboard/details")
                        .modelAttribute("webhook", webhook)
                        .modelAttribute("webhookId", id)
                        .modelAttribute("saved", saved)
                        .modelAttribute("badge", WebhookCard.badgeOf(webhook))
                        .modelAttribute("stats", all.getT1())
                        .modelAttribute("chartJson", com.penguinmails.webhooks.model.Json.writeString(chart(all.getT1())))
                        .modelAttribute("deliveries", all.getT2().data())
                        .modelAttribute("replay", all.getT3().data().isEmpty() ? null : all.getT3().data().getFirst())
                        .modelAttribute("catalog", catalog.events())
                        .build()));
    }

    @PostMapping(BASE + "/{id}/rotate-secret")
    Mono<Rendering> rotate(@AuthenticationPrincipal DashboardUser user, @PathVariable String id) {
        return Mono.defer(() -> webhooks.get(user.principal(), id)).flatMap(webhook ->
                webhooks.rotateSecret(user.principal(), id, null).map(secret -> Rendering.view("dashboard/secret")
                        .modelAttribute("webhook", webhook)
                        .modelAttribute("secret", secret)
                        .build()));
    }

    /** The series of the two charts, as the page's script reads them. */
    public record Chart(List<String> days, List<Double> successRate, List<Long> avgResponseMs, List<Long> p95ResponseMs) {
    }

    static Chart chart(WebhookStatsView stats) {
        return new Chart(stats.daily().stream().map(day -> day.date().toString()).toList(),
                stats.daily().stream().map(WebhookStatsView.Daily::successRate).toList(),
                stats.daily().stream().map(WebhookStatsView.Daily::avgResponseMs).toList(),
                stats.daily().stream().map(WebhookStatsView.Daily::p95ResponseMs).toList());
    }
}
