package com.penguinmails.webhooks.management.events;

import org.springframework.stereotype.Service;

import com.penguinmails.webhooks.management.auth.ApiPrincipal;
import com.penguinmails.webhooks.management.problem.ApiException;
import reactor.core.publisher.Mono;

/**
 * The events of the caller's workspace in the event store, for the API and the dashboard alike: what a delivery's
 * "View Event" link shows (spec 004 delivery log).
 */
@Service
public class EventService {

    private final EventStoreRepository store;

    EventService(EventStoreRepository store) {
        this.store = store;
    }

    /** The event as receivers got it; 404 when it is not in the workspace's event store (kept for the retention period). */
    public Mono<EventView> get(ApiPrincipal caller, String eventId) {
        return store.find(caller.workspaceId(), eventId)
                .switchIfEmpty(Mono.error(() -> ApiException.notFound("Event " + eventId)));
    }
}
