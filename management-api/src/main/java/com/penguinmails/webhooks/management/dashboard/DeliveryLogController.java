package com.penguinmails.webhooks.management.dashboard;

import java.time.Clock;
import java.util.List;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.util.UriComponentsBuilder;

import com.penguinmails.webhooks.management.auth.ApiPrincipal;
import com.penguinmails.webhooks.management.delivery.DeliveryExport;
import com.penguinmails.webhooks.management.delivery.DeliveryListQuery;
import com.penguinmails.webhooks.management.delivery.DeliveryService;
import com.penguinmails.webhooks.management.delivery.DeliveryView;
import com.penguinmails.webhooks.management.delivery.FailedDeliveries;
import com.penguinmails.webhooks.management.events.EventCatalog;
import com.penguinmails.webhooks.management.problem.ApiException;
import com.penguinmails.webhooks.management.problem.FieldError;
import com.penguinmails.webhooks.management.webhook.WebhookService;
import com.penguinmails.webhooks.management.webhook.WebhookView;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code /dashboard/settings/webhooks/{id}/deliveries} (spec 004 "Delivery Log"): filters and search, rows that
 * expand to the request and response of every attempt, retry now, retry all failed, the failed-deliveries summary
 * and the CSV export of the filtered log.
 */
@Controller
class DeliveryLogController {

    private static final String BASE = DashboardSecurityConfiguration.HOME;

    private final WebhookService webhooks;
    private final DeliveryService deliveries;
    private final DeliveryExport export;
    private final FailedDeliveries failed;
    private final Clock clock;

    DeliveryLogController(WebhookService webhooks, DeliveryService deliveries, DeliveryExport export, FailedDeliveries failed, Clock clock) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.export = export;
        this.failed = failed;
        this.clock = clock;
    }

    /** A page of the log, or the reasons its filters were refused. */
    private record Rows(List<DeliveryView> deliveries, String nextCursor, List<FieldError> errors) {

        /** What the table shows, in short: the page polls with it and gets no swap while it holds. */
        String fingerprint() {
            StringBuilder shown = new StringBuilder().append(nextCursor).append('|').append(errors.size());
            deliveries.forEach(d -> shown.append('|').append(d.id()).append(d.status()).append(d.attempts()).append(d.statusCode()));
            return Integer.toHexString(shown.toString().hashCode());
        }
    }

    @GetMapping(BASE + "/{id}/deliveries")
    Mono<Rendering> log(@AuthenticationPrincipal DashboardUser user, @PathVariable String id,
                        @RequestParam(required = false) String status,
                        @RequestParam(name = "event_type", required = false) String eventType,
                        @RequestParam(required = false) String range,
                        @RequestParam(required = false) String from,
                        @RequestParam(required = false) String to,
                        @RequestParam(required = false) String search,
                        @RequestParam(name = "include_archived", required = false) boolean includeArchived,
                        @RequestParam(required = false) String cursor,
                        @RequestParam(required = false) String notice) {
        ApiPrincipal principal = user.principal();
        DeliveryLogFilters filters = DeliveryLogFilters.of(status, eventType, range, from, to, search, includeArchived, clock.instant());
        return Mono.defer(() -> webhooks.get(principal, id)).flatMap(webhook -> Mono.zip(rows(principal, id, filters, cursor),
                        failed.lastDay(principal.workspaceId(), id))
                .map(both -> table(Rendering.view("dashboard/deliveries"), webhook, filters, cursor, both.getT1())
                        .modelAttribute("badge", WebhookCard.badgeOf(webhook))
                        .modelAttribute("summary", both.getT2())
                        .modelAttribute("notice", notice == null ? "" : notice)
                        .modelAttribute("catalog", EventCatalog.catalog())
                        .build()));
    }

    /**
     * The table alone (spec 004 "Real-time webhook delivery log"): the first page polls it every few seconds with its
     * filters, while no row is open.
     */
    @GetMapping(BASE + "/{id}/deliveries/rows")
    Mono<Rendering> rows(@AuthenticationPrincipal DashboardUser user, @PathVariable String id,
                         @RequestParam(required = false) String status,
                         @RequestParam(name = "event_type", required = false) String eventType,
                         @RequestParam(required = false) String range,
                         @RequestParam(required = false) String from,
                         @RequestParam(required = false) String to,
                         @RequestParam(required = false) String search,
                         @RequestParam(name = "include_archived", required = false) boolean includeArchived,
                         @RequestParam(required = false) String seen) {
        ApiPrincipal principal = user.principal();
        DeliveryLogFilters filters = DeliveryLogFilters.of(status, eventType, range, from, to, search, includeArchived, clock.instant());
        return Mono.defer(() -> webhooks.get(principal, id)).flatMap(webhook -> rows(principal, id, filters, null)
                // htmx swaps nothing on a 204: an unchanged table stays as it is, focus and all
                .map(rows -> rows.fingerprint().equals(seen) ? Rendering.view("dashboard/empty").status(HttpStatus.NO_CONTENT).build()
                        : table(Rendering.view("dashboard/deliveries :: table"), webhook, filters, null, rows).build()));
    }

    private Mono<Rows> rows(ApiPrincipal principal, String id, DeliveryLogFilters filters, String cursor) {
        return Mono.defer(() -> deliveries.list(principal, id, DeliveryListQuery.page(filters.status(), filters.eventType(),
                        filters.apiFrom(), filters.apiTo(), null, filters.search(), filters.includeArchived() ? "true" : null, null, cursor)))
                .map(page -> new Rows(page.data(), page.nextCursor(), List.of()))
                // a bad filter (a "to" before "from", say) shows the API's reason above an empty table
                .onErrorResume(ApiException.class, e -> e.status().value() == 400
                        ? Mono.just(new Rows(List.of(), null, e.errors())) : Mono.error(e));
    }

    private static Rendering.Builder<?> table(Rendering.Builder<?> page, WebhookView webhook,
                                              DeliveryLogFilters filters, String cursor, Rows rows) {
        return page.modelAttribute("webhook", webhook)
                .modelAttribute("filters", filters)
                .modelAttribute("firstPage", cursor == null || cursor.isBlank())
                .modelAttribute("deliveries", rows.deliveries())
                .modelAttribute("nextCursor", rows.nextCursor() == null ? "" : rows.nextCursor())
                .modelAttribute("seen", rows.fingerprint())
                .modelAttribute("filterErrors", rows.errors());
    }

    /** One delivery with its attempts: the row's expanded part, loaded when it is opened. */
    @GetMapping(BASE + "/{id}/deliveries/{deliveryId}")
    Mono<Rendering> delivery(@AuthenticationPrincipal DashboardUser user, @PathVariable String id, @PathVariable String deliveryId) {
        return Mono.defer(() -> deliveries.get(user.principal(), id, deliveryId))
                .map(delivery -> Rendering.view("dashboard/delivery :: detail").modelAttribute("webhookId", id)
                        .modelAttribute("delivery", delivery).build());
    }

    @PostMapping(BASE + "/{id}/deliveries/{deliveryId}/retry")
    Mono<Rendering> retry(@AuthenticationPrincipal DashboardUser user, @PathVariable String id, @PathVariable String deliveryId) {
        return Mono.defer(() -> deliveries.retry(user.principal(), id, deliveryId))
                .map(retried -> back(id, "Retry of " + deliveryId + " queued as attempt " + retried.attempt() + "."))
                .onErrorResume(ApiException.class, e -> e.status().is4xxClientError() && e.status().value() == 409
                        ? Mono.just(back(id, e.getMessage())) : Mono.error(e));
    }

    @PostMapping(BASE + "/{id}/deliveries/retry-failed")
    Mono<Rendering> retryFailed(@AuthenticationPrincipal DashboardUser user, @PathVariable String id) {
        return Mono.defer(() -> deliveries.retryFailed(user.principal(), id))
                .map(requeued -> back(id, requeued.queued() + " failed deliveries queued again."))
                .onErrorResume(ApiException.class, e -> e.status().value() == 409 ? Mono.just(back(id, e.getMessage())) : Mono.error(e));
    }

    /** Spec 004 "Clear Failed Log": archives the failed deliveries, which leave the log and its summary. */
    @PostMapping(BASE + "/{id}/deliveries/archive-failed")
    Mono<Rendering> archiveFailed(@AuthenticationPrincipal DashboardUser user, @PathVariable String id) {
        return Mono.defer(() -> deliveries.archiveFailed(user.principal(), id))
                .map(answer -> back(id, answer.archived() + " failed deliveries archived. Tick \"Include archived\" to see them."));
    }

    @GetMapping(BASE + "/{id}/deliveries.csv")
    Mono<ResponseEntity<Flux<DataBuffer>>> csv(@AuthenticationPrincipal DashboardUser user, @PathVariable String id,
                                               @RequestParam(required = false) String status,
                                               @RequestParam(name = "event_type", required = false) String eventType,
                                               @RequestParam(required = false) String from,
                                               @RequestParam(required = false) String to,
                                               @RequestParam(required = false) String search,
                                               @RequestParam(name = "include_archived", required = false) String includeArchived) {
        return Mono.defer(() -> export.csv(user.principal(), id, DeliveryListQuery.export(status, eventType, from, to, null, search, includeArchived)));
    }

    private static Rendering back(String id, String notice) {
        return Rendering.redirectTo(UriComponentsBuilder.fromPath(BASE + "/{id}/deliveries").queryParam("notice", notice)
                .encode().buildAndExpand(id).toUriString()).build();
    }

}
