package com.penguinmails.webhooks.management.replay;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.filter.FilterSyntaxException;
import com.penguinmails.webhooks.model.filter.WebhookFilter;

/**
 * A webhook a replay may deliver to, as it is when a batch runs (active, with its subscribed types and compiled
 * filters): a replayed event goes where a live one would go now, not where it went then.
 *
 * @param webhookId  the webhook
 * @param eventTypes its subscribed types and category wildcards
 * @param filter     its compiled filters; null for filters that do not compile, which match nothing (as in the dispatcher)
 */
record ReplayTarget(String webhookId, Set<String> eventTypes, WebhookFilter filter) {

    /** The target of a webhook row: its types and its filters as JSON text (null for none). */
    static ReplayTarget of(String webhookId, List<String> eventTypes, String filters) {
        WebhookFilter filter;
        try {
            filter = WebhookFilter.parse(filters == null ? null : Json.mapper().readTree(filters));
        } catch (FilterSyntaxException e) {
            filter = null;
        }
        return new ReplayTarget(webhookId, Set.copyOf(eventTypes), filter);
    }

    /** Whether a live event like this one would reach the webhook now: subscribed to its type, passing its filters. */
    boolean matches(String workspaceId, EventEnvelope event) {
        return filter != null && EventType.isCoveredBy(eventTypes, event.type()) && filter.matches(workspaceId, event);
    }

    /**
     * The concrete types a replay reads from the event store: those asked for (every type for null) that at least one
     * of the targets subscribes to, in catalog order.
     */
    static List<String> scanTypes(Collection<String> asked, Collection<ReplayTarget> targets) {
        Set<String> subscribed = new LinkedHashSet<>();
        targets.forEach(target -> subscribed.addAll(EventType.namesCoveredBy(target.eventTypes())));
        return EventType.namesCoveredBy(asked).stream().filter(subscribed::contains).toList();
    }
}
