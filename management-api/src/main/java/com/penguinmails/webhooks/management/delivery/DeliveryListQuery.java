package com.penguinmails.webhooks.management.delivery;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.penguinmails.webhooks.management.page.PageRequest;
import com.penguinmails.webhooks.management.problem.ApiException;
import com.penguinmails.webhooks.management.problem.FieldError;
import com.penguinmails.webhooks.model.EventType;

/**
 * The filters of a webhook's delivery log (spec 004 "Delivery Log"), each optional, and the page asked for.
 *
 * @param status      only deliveries in this state
 * @param eventTypes  only deliveries of these event types (one type, or every type of a category)
 * @param from        only deliveries created at or after this instant
 * @param to          only deliveries created before this instant
 * @param statusClass only deliveries whose latest answer was of this class ({@code 2xx} … {@code 5xx}), or
 *                    {@code none} for those that got no HTTP answer (timeouts, refused connections, not sent)
 * @param search      an event id ({@code evt_…}), a delivery id ({@code dlv_…}) or a contact's e-mail address
 * @param includeArchived whether deliveries archived by "Clear Failed Log" are listed too
 * @param page        the page; null for an export of the whole filtered log
 */
public record DeliveryListQuery(String status, List<String> eventTypes, Instant from, Instant to, String statusClass,
                                String search, boolean includeArchived, PageRequest page) {

    /** Deliveries per page unless asked otherwise; more than the webhook list's, as the dashboard's log shows them. */
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 200;

    static final Set<String> STATUSES = Set.of("delivered", "pending_retry", "failed", "skipped", "queued");
    static final List<String> STATUS_CLASSES = List.of("2xx", "3xx", "4xx", "5xx", "none");
    static final int SEARCH_MAX_CHARS = 320;

    /** A page of the log, as the query parameters ask for it; an {@link ApiException} naming every bad one. */
    public static DeliveryListQuery page(String status, String eventType, String from, String to, String statusClass, String search,
                                         String includeArchived, String limit, String cursor) {
        return parse(status, eventType, from, to, statusClass, search, includeArchived, limit, cursor, DEFAULT_LIMIT, MAX_LIMIT, true);
    }

    /** The whole filtered log, for an export; an {@link ApiException} naming every bad parameter. */
    public static DeliveryListQuery export(String status, String eventType, String from, String to, String statusClass, String search,
                                           String includeArchived) {
        return parse(status, eventType, from, to, statusClass, search, includeArchived, null, null, 0, 0, false);
    }

    /** The query of the request's parameters (page parameters too when {@code paged}), or an error naming every bad one. */
    private static DeliveryListQuery parse(String status, String eventType, String from, String to, String statusClass, String search,
                                   String includeArchived, String limit, String cursor, int defaultLimit, int maxLimit, boolean paged) {
        List<FieldError> errors = new ArrayList<>();
        String archived = includeArchived == null ? "false" : includeArchived.trim().toLowerCase(Locale.ROOT);
        if (!archived.equals("true") && !archived.equals("false")) {
            errors.add(new FieldError("include_archived", "include_archived must be true or false."));
        }
        if (status != null && !STATUSES.contains(status)) {
            errors.add(new FieldError("status", "status must be one of delivered, pending_retry, failed, skipped, queued."));
        }
        List<String> eventTypes = null;
        if (eventType != null) {
            if (EventType.isSubscribable(eventType)) {
                eventTypes = EventType.namesCoveredBy(List.of(eventType));
            } else {
                errors.add(FieldError.unknownEventType("event_type", eventType, true));
            }
        }
        Instant fromInstant = instant("from", from, errors);
        Instant toInstant = instant("to", to, errors);
        if (fromInstant != null && toInstant != null && !fromInstant.isBefore(toInstant)) {
            errors.add(new FieldError("to", "to must be later than from."));
        }
        String klass = statusClass == null ? null : statusClass.toLowerCase(Locale.ROOT);
        if (klass != null && !STATUS_CLASSES.contains(klass)) {
            errors.add(new FieldError("status_class", "status_class must be one of 2xx, 3xx, 4xx, 5xx, none."));
        }
        String searched = search == null || search.isBlank() ? null : search.trim();
        if (searched != null && searched.length() > SEARCH_MAX_CHARS) {
            errors.add(new FieldError("search", "search must be at most " + SEARCH_MAX_CHARS + " characters."));
        }
        PageRequest page = paged ? PageRequest.parse(limit, cursor, defaultLimit, maxLimit, errors) : null;
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new DeliveryListQuery(status, eventTypes, fromInstant, toInstant, klass, searched, archived.equals("true"), page);
    }

    private static Instant instant(String field, String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return java.time.OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, field + " must be an ISO-8601 time with an offset, such as 2026-11-24T10:00:00Z."));
            return null;
        }
    }

    /** What the search names: an event, a delivery, or else a contact's e-mail address. */
    SearchKind searchKind() {
        if (search == null) {
            return null;
        }
        if (search.startsWith("evt_")) {
            return SearchKind.EVENT_ID;
        }
        return search.startsWith("dlv_") ? SearchKind.DELIVERY_ID : SearchKind.CONTACT_EMAIL;
    }

    /** The same filters on another page. */
    DeliveryListQuery withPage(PageRequest next) {
        return new DeliveryListQuery(status, eventTypes, from, to, statusClass, search, includeArchived, next);
    }

    enum SearchKind { EVENT_ID, DELIVERY_ID, CONTACT_EMAIL }
}
