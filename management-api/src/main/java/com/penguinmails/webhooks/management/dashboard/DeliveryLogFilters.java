package com.penguinmails.webhooks.management.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * The delivery log's filters as the page keeps them (spec 004 "Delivery Log Filters"). The date range is one of the
 * preset windows (default {@code 7d}, "Last 7 days") or {@code custom}, the typed UTC {@code from} and {@code to};
 * {@code apiFrom} and {@code apiTo} are what the API is asked for, the presets counted back from the time the page
 * (or its refresh) is built.
 */
public record DeliveryLogFilters(String status, String eventType, String range, String from, String to, String search,
                                 boolean includeArchived, String apiFrom, String apiTo) {

    static final String DEFAULT_RANGE = "7d";
    static final String CUSTOM = "custom";
    static final String ALL = "all";
    /** The preset windows, in the order the page offers them. */
    static final Map<String, Duration> PRESETS = Map.of("24h", Duration.ofHours(24), "7d", Duration.ofDays(7), "30d", Duration.ofDays(30));

    /**
     * The filters of the request. No range but a typed {@code from} or {@code to} (an older link) is a custom range;
     * neither is the default, the last 7 days. An unknown range is the default too.
     */
    static DeliveryLogFilters of(String status, String eventType, String range, String from, String to, String search,
                                 boolean includeArchived, Instant now) {
        String asked = empty(range);
        if (asked == null) {
            asked = empty(from) != null || empty(to) != null ? CUSTOM : DEFAULT_RANGE;
        } else if (!asked.equals(CUSTOM) && !asked.equals(ALL) && !PRESETS.containsKey(asked)) {
            asked = DEFAULT_RANGE;
        }
        String apiFrom = null;
        String apiTo = null;
        if (asked.equals(CUSTOM)) {
            apiFrom = ReplayPanelController.utc(empty(from));
            apiTo = ReplayPanelController.utc(empty(to));
        } else if (PRESETS.containsKey(asked)) {
            apiFrom = now.minus(PRESETS.get(asked)).toString();
        }
        return new DeliveryLogFilters(empty(status), empty(eventType), asked, asked.equals(CUSTOM) ? empty(from) : null,
                asked.equals(CUSTOM) ? empty(to) : null, empty(search), includeArchived, apiFrom, apiTo);
    }

    /** The export link of these filters: the window as it is now, so that the file holds what the page shows. */
    public String csvUrl(String webhookId) {
        return query(UriComponentsBuilder.fromPath(DashboardSecurityConfiguration.HOME + "/{id}/deliveries.csv"), true)
                .encode().buildAndExpand(webhookId).toUriString();
    }

    /**
     * The table alone with these filters, which the page fetches again every few seconds; {@code seen} is the
     * fingerprint of the rows shown, so that an unchanged table is answered with nothing to swap.
     */
    public String rowsUrl(String webhookId, String seen) {
        return query(UriComponentsBuilder.fromPath(DashboardSecurityConfiguration.HOME + "/{id}/deliveries/rows"), false)
                .queryParam("seen", seen).encode().buildAndExpand(webhookId).toUriString();
    }

    /** The next page of the log, keeping the filters. */
    public String pageUrl(String webhookId, String cursor) {
        return query(UriComponentsBuilder.fromPath(DashboardSecurityConfiguration.HOME + "/{id}/deliveries"), false)
                .queryParam("cursor", cursor).encode().buildAndExpand(webhookId).toUriString();
    }

    /** The page's own parameters ({@code range}, typed times), or the API's resolved times for an export. */
    private UriComponentsBuilder query(UriComponentsBuilder uri, boolean resolved) {
        uri.queryParamIfPresent("status", present(status)).queryParamIfPresent("event_type", present(eventType));
        if (resolved) {
            uri.queryParamIfPresent("from", present(apiFrom)).queryParamIfPresent("to", present(apiTo));
        } else {
            uri.queryParam("range", range).queryParamIfPresent("from", present(from)).queryParamIfPresent("to", present(to));
        }
        uri.queryParamIfPresent("search", present(search));
        if (includeArchived) {
            uri.queryParam("include_archived", "true");
        }
        return uri;
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(empty(value));
    }

    static String empty(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
