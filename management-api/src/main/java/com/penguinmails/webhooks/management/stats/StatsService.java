package com.penguinmails.webhooks.management.stats;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.stereotype.Service;

import com.penguinmails.webhooks.management.auth.ApiPrincipal;
import com.penguinmails.webhooks.management.problem.ApiException;
import reactor.core.publisher.Mono;

/**
 * Delivery stats from the per-minute rollups, for the API and the dashboard alike (the overview's cards, a webhook's
 * details-page charts), scoped to the caller's workspace.
 */
@Service
public class StatsService {

    private final DeliveryStatsRepository stats;
    private final Clock clock;

    StatsService(DeliveryStatsRepository stats, Clock clock) {
        this.stats = stats;
        this.clock = clock;
    }

    /** Webhooks total, active and failing; attempts delivered today (UTC); success rate of the last 24 hours. */
    public Mono<WorkspaceStatsView> workspace(ApiPrincipal caller) {
        StatsWindow window = StatsWindow.at(clock.instant());
        String workspace = caller.workspaceId();
        Mono<DeliveryStatsRepository.Totals> today = stats.workspaceTotals(workspace, window.startOf(window.today()),
                window.startOf(window.today().plusDays(1)));
        Mono<DeliveryStatsRepository.Totals> lastDay = stats.workspaceTotals(workspace, window.since(), window.until());
        return Mono.zip(stats.webhookCounts(workspace), today, lastDay).map(all -> new WorkspaceStatsView(
                all.getT1().total(), all.getT1().active(), all.getT1().failing(),
                window.today(), all.getT2().delivered(), window.since(), window.until(),
                all.getT3().sent(), all.getT3().delivered(), StatsMath.successRate(all.getT3().delivered(), all.getT3().sent())));
    }

    /** A webhook's totals of the last 24 hours and its last 7 UTC days; 404 when it is not in the caller's workspace. */
    public Mono<WebhookStatsView> webhook(ApiPrincipal caller, String id) {
        StatsWindow window = StatsWindow.at(clock.instant());
        String workspace = caller.workspaceId();
        return stats.webhookExists(workspace, id)
                .filter(Boolean::booleanValue)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Webhook " + id)))
                .flatMap(found -> Mono.zip(
                        stats.webhookTotals(workspace, id, window.since(), window.until()),
                        stats.webhookDays(workspace, id, window.startOf(window.firstDay()),
                                window.startOf(window.today().plusDays(1)))))
                .map(both -> new WebhookStatsView(id, last24Hours(window, both.getT1()), daily(window, both.getT2())));
    }

    private static WebhookStatsView.Last24Hours last24Hours(StatsWindow window, DeliveryStatsRepository.Totals totals) {
        return new WebhookStatsView.Last24Hours(window.since(), window.until(), totals.sent(), totals.delivered(),
                totals.failed(), totals.deadLettered(), StatsMath.successRate(totals.delivered(), totals.sent()),
                StatsMath.average(totals.durationSumMillis(), totals.sent()),
                LatencyHistogram.p95(totals.latencyBuckets(), totals.maxDurationMillis()));
    }

    /** Every day of the series, with zeros (and nulls) for days without a row. */
    private static List<WebhookStatsView.Daily> daily(StatsWindow window, List<DeliveryStatsRepository.Day> days) {
        Map<LocalDate, DeliveryStatsRepository.Totals> byDate = days.stream()
                .collect(Collectors.toMap(DeliveryStatsRepository.Day::date, DeliveryStatsRepository.Day::totals));
        List<WebhookStatsView.Daily> series = new ArrayList<>(StatsWindow.DAYS);
        for (LocalDate date = window.firstDay(); !date.isAfter(window.today()); date = date.plusDays(1)) {
            DeliveryStatsRepository.Totals totals = byDate.get(date);
            series.add(totals == null ? new WebhookStatsView.Daily(date, 0, 0, 0, null, null, null)
                    : new WebhookStatsView.Daily(date, totals.sent(), totals.delivered(), totals.failed(),
                            StatsMath.successRate(totals.delivered(), totals.sent()),
                            StatsMath.average(totals.durationSumMillis(), totals.sent()),
                            LatencyHistogram.p95(totals.latencyBuckets(), totals.maxDurationMillis())));
        }
        return series;
    }
}
