package com.penguinmails.webhooks.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * A webhook as the dispatcher needs it, carried on the compacted {@link Topics#CONFIG} topic.
 *
 * @param id               the webhook id, {@code wh_…}; also the record key
 * @param workspaceId      the workspace whose events it receives
 * @param url              the endpoint that receives the POSTs
 * @param eventTypes       the subscribed event type names; {@code email.*} subscribes to a whole category
 * @param status           {@code active}, {@code paused} or {@code disabled}; only active webhooks receive events
 * @param timeoutMillis    how long the endpoint has to answer
 * @param maxAttempts      attempts in all, the first included, before the delivery is dead-lettered
 * @param flavor           {@code platform} (spec 001) or {@code v1} (spec 003: short type names, X-Webhook-Signature)
 * @param secrets          the signing secrets, encrypted with the shared key; the current one first, then any
 *                         still in their rotation grace period, each with the moment it stops signing
 * @param filters          optional filters beyond event types (see {@code WebhookFilter}), or null
 * @param plan             the workspace's plan, which sets its delivery rate limit in the dispatcher; null for the
 *                         dispatcher's default plan
 * @param headers          the owner's own headers to send with every POST (see {@link CustomHeaders}), or null
 */
public record WebhookConfig(
        String id,
        String workspaceId,
        String url,
        List<String> eventTypes,
        String status,
        long timeoutMillis,
        int maxAttempts,
        String flavor,
        List<SigningSecret> secrets,
        JsonNode filters,
        String plan,
        Map<String, String> headers) {

    public static final String STATUS_ACTIVE = "active";
    public static final String FLAVOR_PLATFORM = "platform";
    public static final String FLAVOR_V1 = "v1";

    public boolean isActive() {
        return STATUS_ACTIVE.equals(status);
    }

    /** The secrets that still sign at {@code now}, current first. */
    public List<SigningSecret> liveSecrets(Instant now) {
        return secrets == null ? List.of() : secrets.stream().filter(secret -> secret.isLive(now)).toList();
    }

    public boolean subscribesTo(String eventType) {
        return EventType.isCoveredBy(eventTypes, eventType);
    }
}
