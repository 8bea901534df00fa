package com.penguinmails.webhooks.management.dashboard;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.core.io.buffer.DataBuffer;
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
import com.penguinmails.webhooks.management.delivery.DeliveryController;
import com.penguinmails.webhooks.management.delivery.DeliveryExportController;
import com.penguinmails.webhooks.management.delivery.DeliveryView;
import com.penguinmails.webhooks.management.events.EventCatalogController;
import com.penguinmails.webhooks.management.problem.ApiException;
import com.penguinmails.webhooks.management.stats.StatsController;
import com.penguinmails.webhooks.management.webhook.WebhookController;
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
    /** Failed and pending deliveries the summary looks at. */
    static final String SUMMARY_ROWS = "200";

    private final WebhookController webhooks;
    private final DeliveryController deliveries;
    private final DeliveryExportController export;
    private final StatsController stats;
    private final EventCatalogController catalog;

    DeliveryLogController(WebhookController webhooks, DeliveryController deliveries, DeliveryExportController export,
                          StatsController stats, EventCatalogController catalog) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.export = export;
        this.stats = stats;
        this.catalog = catalog;
    }

    /** The filters as the page keeps them. */
    public record Filters(String status, String eventType, String from, String to, String search) {

        String apiFrom() {
            return ReplayPanelController.utc(from);
        }

        String apiTo() {
            return ReplayPanelController.utc(to);
        }

        /** The export link of these filters. */
        public String csvUrl(String webhookId) {
            return UriComponentsBuilder.fromPath(BASE + "/{id}/deliveries.csv")
                    .queryParamIfPresent("status", blank(status)).queryParamIfPresent("event_type", blank(eventType))
                    .queryParamIfPresent("from", blank(apiFrom())).queryParamIfPresent("to", blank(apiTo()))
                    .queryParamIfPresent("search", blank(search))
                    .encode().buildAndExpand(webhookId).toUriString();
        }

        private static java.util.Optional<String> blank(String value) {
            return value == null || value.isBlank() ? java.util.Optional.empty() : java.util.Optional.of(value);
        }
    }

    /** A page of the log, or the reasons its filters were refused. */
    private record Rows(List<DeliveryView> deliveries, String nextCursor, List<com.penguinmails.webhooks.management.problem.FieldError> errors) {
    }

    /** Spec 004 "Failed Deliveries Summary". */
    public record FailedSummary(long failed24h, long pendingRetry, long exhausted, String mostCommonError, long mostCommonCount) {
    }

    @GetMapping(BASE + "/{id}/deliveries")
    Mono<Rendering> log(@AuthenticationPrincipal DashboardUser user, @PathVariable String id,
                        @RequestParam(required = false) String status,
                        @RequestParam(name = "event_type", required = false) String eventType,
                        @RequestParam(required = false) String from,
                        @RequestParam(required = false) String to,
                        @RequestParam(required = false) String search,
                        @RequestParam(required = false) String cursor,
                        @RequestParam(required = false) String notice) {
        ApiPrincipal principal = user.principal();
        Filters filters = new Filters(empty(status), empty(eventType), empty(from), empty(to), empty(search));
        return Mono.defer(() -> webhooks.get(principal, id)).flatMap(webhook -> Mono.zip(
                        Mono.defer(() -> deliveries.list(principal, id, filters.status(), filters.eventType(), filters.apiFrom(),
                                        filters.apiTo(), null, filters.search(), null, cursor))
                                .map(page -> new Rows(page.data(), page.nextCursor(), List.of()))
                                // a bad filter (a "to" before "from", say) shows the API's reason above an empty table
                                .onErrorResume(ApiException.class, e -> e.status().value() == 400
                                        ? Mono.just(new Rows(List.of(), null, e.errors())) : Mono.error(e)),
                        summary(principal, id))
                .map(both -> Rendering.view("dashboard/deliveries")
                        .modelAttribute("webhook", webhook)
                        .modelAttribute("badge", WebhookCard.badgeOf(webhook))
                        .modelAttribute("filters", filters)
                        .modelAttribute("summary", both.getT2())
                        .modelAttribute("notice", notice == null ? "" : notice)
                        .modelAttribute("catalog", catalog.events())
                        .modelAttribute("deliveries", both.getT1().deliveries())
                        .modelAttribute("nextCursor", both.getT1().nextCursor() == null ? "" : both.getT1().nextCursor())
                        .modelAttribute("filterErrors", both.getT1().errors())
                        .build()));
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
                .map(answer -> back(id, "Retry of " + deliveryId + " queued as attempt " + answer.getBody().attempt() + "."))
                .onErrorResume(ApiException.class, e -> e.status().is4xxClientError() && e.status().value() == 409
                        ? Mono.just(back(id, e.getMessage())) : Mono.error(e));
    }

    @PostMapping(BASE + "/{id}/deliveries/retry-failed")
    Mono<Rendering> retryFailed(@AuthenticationPrincipal DashboardUser user, @PathVariable String id) {
        return Mono.defer(() -> deliveries.retryFailed(user.principal(), id))
                .map(answer -> back(id, answer.getBody().queued() + " failed deliveries queued again."))
                .onErrorResume(ApiException.class, e -> e.status().value() == 409 ? Mono.just(back(id, e.getMessage())) : Mono.error(e));
    }

    @GetMapping(BASE + "/{id}/deliveries.csv")
    Mono<ResponseEntity<Flux<DataBuffer>>> csv(@AuthenticationPrincipal DashboardUser user, @PathVariable String id,
                                               @RequestParam(required = false) String status,
                                               @RequestParam(name = "event_type", required = false) String eventType,
                                               @RequestParam(required = false) String from,
                                               @RequestParam(required = false) String to,
                                               @RequestParam(required = false) String search) {
        return Mono.defer(() -> export.export(user.principal(), id, status, eventType, from, to, null, search));
    }

    private Mono<FailedSummary> summary(ApiPrincipal principal, String id) {
        Mono<List<DeliveryView>> failed = deliveries.list(principal, id, "failed", null, null, null, null, null, SUMMARY_ROWS, null)
                .map(page -> page.data());
        Mono<Long> pending = deliveries.list(principal, id, "pending_retry", null, null, null, null, null, SUMMARY_ROWS, null)
                .map(page -> (long) page.data().size());
        return Mono.zip(stats.webhook(principal, id), failed, pending).map(all -> {
            Map<String, Long> errors = all.getT2().stream().collect(Collectors.groupingBy(DeliveryLogController::errorOf, Collectors.counting()));
            Map.Entry<String, Long> common = errors.entrySet().stream().max(Comparator.comparing(Map.Entry::getValue)).orElse(null);
            return new FailedSummary(all.getT1().last24Hours().failed(), all.getT3(), all.getT2().size(),
                    common == null ? null : common.getKey(), common == null ? 0 : common.getValue());
        });
    }

    /** How a failure reads in the summary: "500 Internal Server Error" or the error class (timeout, ...). */
    static String errorOf(DeliveryView delivery) {
        if (delivery.statusCode() != null) {
            org.springframework.http.HttpStatus status = org.springframework.http.HttpStatus.resolve(delivery.statusCode());
            return delivery.statusCode() + (status == null ? "" : " " + status.getReasonPhrase());
        }
        return delivery.errorClass() != null ? delivery.errorClass() : "no answer";
    }

    private static Rendering back(String id, String notice) {
        return Rendering.redirectTo(UriComponentsBuilder.fromPath(BASE + "/{id}/deliveries").queryParam("notice", notice)
                .encode().buildAndExpand(id).toUriString()).build();
    }

    private static String empty(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
