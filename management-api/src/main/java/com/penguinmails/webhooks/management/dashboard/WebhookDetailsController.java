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
import com.penguinmails.webhooks.management.delivery.DeliveryListQuery;
import com.penguinmails.webhooks.management.delivery.DeliveryService;
import com.penguinmails.webhooks.management.events.EventCatalog;
import com.penguinmails.webhooks.management.replay.ReplayService;
import com.penguinmails.webhooks.management.stats.StatsService;
import com.penguinmails.webhooks.management.stats.WebhookStatsView;
import com.penguinmails.webhooks.management.webhook.WebhookService;
import reactor.core.publisher.Mono;

/**
 * {@code /dashboard/settings/webhooks/{id}} (spec 004 "Webhook Details"): configuration, 24-hour stats, the 7-day
 * charts, the last 50 deliveries, replays, the auto-paused banner; and rotating the secret, shown once.
 */
@Controller
class WebhookDetailsController {

    private static final String BASE = DashboardSecurityConfiguration.HOME;
    static final String RECENT_DELIVERIES = "50";
    /** The page shows the webhook's latest deliveries, whatever their state. */
    private static final DeliveryListQuery RECENT = DeliveryListQuery.page(null, null, null, null, null, null, null, RECENT_DELIVERIES, null);

    private final WebhookService webhooks;
    private final StatsService stats;
    private final DeliveryService deliveries;
    private final ReplayService replays;

    WebhookDetailsController(WebhookService webhooks, StatsService stats, DeliveryService deliveries, ReplayService replays) {
        this.webhooks = webhooks;
        this.stats = stats;
        this.deliveries = deliveries;
        this.replays = replays;
    }

    @GetMapping(BASE + "/{id}")
    Mono<Rendering> details(@AuthenticationPrincipal DashboardUser user, @PathVariable String id, ServerWebExchange exchange) {
        boolean saved = exchange.getRequest().getQueryParams().containsKey("saved");
        ApiPrincipal principal = user.principal();
        return Mono.defer(() -> webhooks.get(principal, id)).flatMap(webhook -> Mono.zip(
                        stats.webhook(principal, id),
                        deliveries.list(principal, id, RECENT),
                        replays.list(principal, id, "1", null))
                .map(all -> Rendering.view("dashboard/details")
                        .modelAttribute("webhook", webhook)
                        .modelAttribute("webhookId", id)
                        .modelAttribute("saved", saved)
                        .modelAttribute("badge", WebhookCard.badgeOf(webhook))
                        .modelAttribute("stats", all.getT1())
                        .modelAttribute("chartJson", com.penguinmails.webhooks.model.Json.writeString(chart(all.getT1())))
                        .modelAttribute("deliveries", all.getT2().data())
                        .modelAttribute("replay", all.getT3().data().isEmpty() ? null : all.getT3().data().getFirst())
                        .modelAttribute("catalog", EventCatalog.catalog())
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
