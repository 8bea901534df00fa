package com.penguinmails.webhooks.management.dashboard;

import com.penguinmails.webhooks.management.delivery.DeliveryView;
import com.penguinmails.webhooks.management.stats.WebhookStatsView;
import com.penguinmails.webhooks.management.webhook.WebhookView;

/**
 * A webhook as its card and header show it (spec 004 "Webhook Cards"): its settings, the badge of its state, its
 * health over the last 24 hours and its latest delivery (null when it has none).
 */
public record WebhookCard(WebhookView webhook, WebhookStatsView stats, DeliveryView lastDelivery) {

    /** Active, Paused (by hand), Failing (recent failures) or Inactive (auto-paused after its failure streak). */
    public String badge() {
        return badgeOf(webhook);
    }

    static String badgeOf(WebhookView webhook) {
        return switch (webhook.status()) {
            case "paused" -> "Paused";
            case "disabled" -> "Inactive";
            default -> webhook.failing() ? "Failing" : "Active";
        };
    }

    /** The filter value of the overview that selects this card: {@code active}, {@code paused}, {@code failing}, {@code inactive}. */
    public String state() {
        return badge().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean paused() {
        return !webhook.status().equals("active");
    }
}
