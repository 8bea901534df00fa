package com.penguinmails.webhooks.management.delivery;

import java.time.Clock;
import java.util.function.Function;

import org.springframework.stereotype.Service;

import com.penguinmails.webhooks.management.auth.ApiPrincipal;
import com.penguinmails.webhooks.management.page.Cursor;
import com.penguinmails.webhooks.management.page.Page;
import com.penguinmails.webhooks.management.page.PageRequest;
import com.penguinmails.webhooks.management.problem.ApiException;
import reactor.core.publisher.Mono;

/**
 * A webhook's delivery log and sending deliveries again, for the API and the dashboard alike: scoped to the caller's
 * workspace, so another workspace's webhook or delivery is not found (404). Any role may read and retry.
 */
@Service
public class DeliveryService {

    private final DeliveryRepository deliveries;
    private final DeliveryRequeue requeue;
    private final Clock clock;

    DeliveryService(DeliveryRepository deliveries, DeliveryRequeue requeue, Clock clock) {
        this.deliveries = deliveries;
        this.requeue = requeue;
        this.clock = clock;
    }

    /** The answer to a manual retry: the attempt that was queued. */
    public record Retried(String deliveryId, int attempt, String status) {
    }

    /** The answer to "Clear Failed Log": how many failed deliveries were archived. */
    public record Archived(long archived) {
    }

    /** The answer to a bulk retry: how many were queued, and how many could not be for want of their event. */
    public record Requeued(long queued, long eventsMissing) {
    }

    /** A page of the log, newest first: each delivery's state after its latest attempt. */
    public Mono<Page<DeliveryView>> list(ApiPrincipal caller, String webhookId, DeliveryListQuery query) {
        PageRequest page = query.page();
        return requireWebhook(caller, webhookId)
                .then(deliveries.findPage(caller.workspaceId(), webhookId, query, page.after(), page.fetchSize()).collectList())
                .map(rows -> Page.of(rows, page, Function.identity(), delivery -> new Cursor(delivery.createdAt(), delivery.id())));
    }

    /** One delivery with all its attempts. */
    public Mono<DeliveryView> get(ApiPrincipal caller, String webhookId, String deliveryId) {
        return requireWebhook(caller, webhookId)
                .then(deliveries.findById(caller.workspaceId(), webhookId, deliveryId))
                .switchIfEmpty(Mono.error(ApiException.notFound("Delivery " + deliveryId)))
                .flatMap(delivery -> deliveries.attempts(deliveryId).collectList().map(delivery::withAttempts));
    }

    /**
     * Sends one delivery again, whatever became of it (spec 004 "Retry"); its attempts so far are kept. 409 while it
     * is still scheduled or its webhook is not active.
     */
    public Mono<Retried> retry(ApiPrincipal caller, String webhookId, String deliveryId) {
        return requeue.retryOne(caller.workspaceId(), webhookId, deliveryId)
                .map(task -> new Retried(deliveryId, task.attempt(), "queued"));
    }

    /** Sends every failed delivery of the webhook again (spec 004 "Retry all failed"). */
    public Mono<Requeued> retryFailed(ApiPrincipal caller, String webhookId) {
        return requeue.requeueAll(caller.workspaceId(), webhookId, "failed")
                .map(queued -> new Requeued(queued.queued(), queued.eventsMissing()));
    }

    /**
     * Archives every failed delivery of the webhook (spec 004 "Clear Failed Log"): kept, but left out of the log and its
     * failed summary unless asked for; not sent again by "retry all failed". Any role may, as any may retry them.
     */
    public Mono<Archived> archiveFailed(ApiPrincipal caller, String webhookId) {
        return requireWebhook(caller, webhookId)
                .then(deliveries.archiveFailed(caller.workspaceId(), webhookId, clock.instant()))
                .map(Archived::new);
    }

    /** Completes when the caller's workspace has the webhook; 404 otherwise. */
    Mono<Void> requireWebhook(ApiPrincipal caller, String webhookId) {
        return deliveries.webhookExists(caller.workspaceId(), webhookId)
                .flatMap(found -> found ? Mono.<Void>empty() : Mono.error(ApiException.notFound("Webhook " + webhookId)));
    }
}
