package com.penguinmails.webhooks.management.webhook;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.penguinmails.webhooks.management.page.PageRequest;
import com.penguinmails.webhooks.management.problem.ApiException;
import com.penguinmails.webhooks.management.problem.FieldError;
import com.penguinmails.webhooks.model.EventType;

/**
 * The filters of {@code GET /api/v1/platform/webhooks}, each optional, and the page asked for.
 *
 * @param status     only webhooks in this status
 * @param eventTypes only webhooks subscribed to one of these (a type, and the wildcard that covers it)
 * @param search     only webhooks whose name or URL contains this, ignoring case
 * @param page       the page
 */
public record WebhookListQuery(String status, List<String> eventTypes, String search, PageRequest page) {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    static final int SEARCH_MAX_CHARS = 200;
    private static final Set<String> STATUSES = Set.of("active", "paused", "disabled");

    /** The query of the request's parameters, or an {@link ApiException} naming every bad one. */
    public static WebhookListQuery parse(String status, String eventType, String search, String limit, String cursor) {
        List<FieldError> errors = new ArrayList<>();
        if (status != null && !STATUSES.contains(status)) {
            errors.add(new FieldError("status", "status must be one of active, paused, disabled."));
        }
        List<String> eventTypes = null;
        if (eventType != null) {
            if (EventType.isSubscribable(eventType)) {
                eventTypes = subscriptionsReceiving(eventType);
            } else {
                errors.add(FieldError.unknownEventType("event_type", eventType, true));
            }
        }
        // an empty search box searches for nothing in particular
        String searched = search == null || search.isBlank() ? null : search.trim();
        if (searched != null && searched.length() > SEARCH_MAX_CHARS) {
            errors.add(new FieldError("search", "search must be at most " + SEARCH_MAX_CHARS + " characters."));
        }
        PageRequest page = PageRequest.parse(limit, cursor, DEFAULT_LIMIT, MAX_LIMIT, errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new WebhookListQuery(status, eventTypes, searched, page);
    }

    /**
     * The subscriptions that receive the type, or part of the category: for {@code email.opened} the type itself and
     * {@code email.*}; for {@code email.*} the wildcard and every type in the category.
     */
    private static List<String> subscriptionsReceiving(String eventType) {
        Set<String> subscriptions = new LinkedHashSet<>();
        subscriptions.add(eventType);
        if (eventType.endsWith(".*")) {
            subscriptions.addAll(EventType.namesCoveredBy(List.of(eventType)));
        } else {
            subscriptions.add(EventType.wildcardOf(eventType));
        }
        return List.copyOf(subscriptions);
    }

    /** The search as a LIKE pattern that matches it literally anywhere, wildcards escaped. */
    String searchPattern() {
        String literal = search.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + literal + "%";
    }
}
