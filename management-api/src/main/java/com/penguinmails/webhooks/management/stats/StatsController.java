package com.penguinmails.webhooks.management.stats;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.penguinmails.webhooks.management.auth.ApiPrincipal;
import com.penguinmails.webhooks.management.openapi.Responses;
import reactor.core.publisher.Mono;

/** Delivery stats from the per-minute rollups: the workspace overview's cards and a webhook's details-page charts. */
@RestController
@RequestMapping("/api/v1/platform")
@Tag(name = "Stats", description = "Delivery counts, success rates and response times, from per-minute rollups.")
class StatsController {

    private final StatsService stats;

    StatsController(StatsService stats) {
        this.stats = stats;
    }

    @GetMapping("/stats")
    @Operation(operationId = "getWorkspaceStats", summary = "Get the workspace's delivery stats",
            description = "Webhooks total, active and failing; attempts delivered today (UTC); success rate of the last 24 hours.")
    Mono<WorkspaceStatsView> workspace(ApiPrincipal principal) {
        return stats.workspace(principal);
    }

    @GetMapping("/webhooks/{id}/stats")
    @Operation(operationId = "getWebhookStats", summary = "Get a webhook's delivery stats",
            description = "Totals of the last 24 hours (sent, delivered, failed, success rate, average and p95 response time)"
                    + " and the last 7 UTC days, one entry a day, for the success-rate and response-time charts.",
            responses = @ApiResponse(responseCode = "200", description = "The stats"))
    @Responses.WebhookNotFound
    Mono<WebhookStatsView> webhook(ApiPrincipal principal, @PathVariable String id) {
        return stats.webhook(principal, id);
    }
}
