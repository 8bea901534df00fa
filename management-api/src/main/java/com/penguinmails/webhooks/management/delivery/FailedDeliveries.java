package com.penguinmails.webhooks.management.delivery;

import java.time.Clock;
import java.time.Duration;

import org.springframework.stereotype.Service;

import reactor.core.publisher.Mono;

/**
 * The failed-deliveries summary of a webhook's delivery log (spec 004): every number in it counts the same deliveries,
 * those created in the last 24 hours (the log's "Last 24 hours") that failed and are not archived, all of them.
 */
@Service
public class FailedDeliveries {

    /** The summary's window, spec 004's "in last 24 hours". */
    public static final Duration WINDOW = Duration.ofHours(24);

    private final DeliveryRepository deliveries;
    private final Clock clock;

    FailedDeliveries(DeliveryRepository deliveries, Clock clock) {
        this.deliveries = deliveries;
        this.clock = clock;
    }

    /** The summary of a webhook the caller has checked is in the workspace. */
    public Mono<FailedDeliverySummary> lastDay(String workspaceId, String webhookId) {
        return deliveries.failedSummary(workspaceId, webhookId, clock.instant().minus(WINDOW));
    }
}
