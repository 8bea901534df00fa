package com.penguinmails.webhooks.management.stats;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.penguinmails.webhooks.management.auth.ApiPrincipal;
import com.penguinmails.webhooks.management.problem.ApiException;
import reactor.core.publisher.Mono;

/** Delivery stats from the per-minute rollups: the workspace overview's cards and a webhook's details-page charts. */
@RestController
@RequestMapping("/api/v1/platform")
@Tag(name = "Stats", description = "Delivery counts, success rates and response times, from per-minute rollups.")
public class StatsController {

    private final DeliveryStatsRepository stats;
    private final Clock clock;

    StatsController(DeliveryStatsRepository stats, Clock clock) {
        this.stats = stats;
        this.clock = clock;
    }

    @GetMapping("/stats")
    @Operation(operationId = "getWorkspaceStats", summary = "Get the workspace's delivery stats",
            description = "Webhooks total, active and failing; attempts delivered today (UTC); success rate of the last 24 hours.")
    public Mono<WorkspaceStatsView> workspace(ApiPrincipal principal) {
        StatsWindow window = StatsWindow.at(clock.instant());
        String workspace = principal.workspaceId();
        Mono<DeliveryStatsRepository.Totals> today = stats.workspaceTotals(workspace, window.startOf(window.today()),
                window.startOf(window.today().plusDays(1)));
        Mono<DeliveryStatsRepository.Totals> lastDay = stats.workspaceTotals(workspace, window.since(), window.until());
        return Mono.zip(stats.webhookCounts(workspace), today, lastDay).map(all -> new WorkspaceStatsView(
                all.getT1().total(), all.getT1().active(), all.getT1().failing(),
                window.today(), all.getT2().delivered(), window.since(), window.until(),
                all.getT3().sent(), all.getT3().delivered(), StatsMath.successRate(all.getT3().delivered(), all.getT3().sent())));
    }

    @GetMapping("/webhooks/{id}/stats")
    @Operation(operationId = "getWebhookStats", summary = "Get a webhook's delivery stats",
            description = "Totals of the last 24 hours (sent, delivered, failed, success rate, average and p95 response time)"
                    + " and the last 7 UTC days, one entry a day, for the success-rate and response-time charts.",
            responses = {
                    @ApiResponse(responseCode = "200", description = "The stats"),
                    @ApiResponse(responseCode = "404", description = "Not a webhook of this workspace")})
    public Mono<WebhookStatsView> webhook(ApiPrincipal principal, @PathVariable String id) {
        StatsWindow window = StatsWindow.at(clock.instant());
        String workspace = principal.workspaceId();
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
