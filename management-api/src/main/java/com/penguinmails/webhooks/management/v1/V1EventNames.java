package com.penguinmails.webhooks.management.v1;

import java.util.List;
import java.util.Optional;

import com.penguinmails.webhooks.model.EventType;

/**
 * The event names of the compact {@code /v1} API (spec 003) and the catalog types they stand for:
 * {@code queued} = {@code email.sent}, {@code complained} = {@code email.spam_reported}, the others {@code email.<name>}.
 */
final class V1EventNames {

    /** Every short name, in spec 003's order. */
    static final List<String> ALL = List.of("queued", "sending", "delivered", "bounced", "complained", "opened", "clicked");

    private V1EventNames() {
    }

    /** The catalog name of a short name, e.g. {@code email.spam_reported} for {@code complained}; empty when unknown. */
    static Optional<String> catalogName(String shortName) {
        return EventType.fromV1Name(shortName).map(EventType::typeName);
    }

    /**
     * The short name of a catalog type. A type without one (a {@code /v1} webhook's types changed through the platform
     * API, say to {@code campaign.launched}) keeps its catalog name rather than vanish from the answer.
     */
    static String shortName(String catalogName) {
        return EventType.fromName(catalogName).flatMap(EventType::v1Name).orElse(catalogName);
    }
}
