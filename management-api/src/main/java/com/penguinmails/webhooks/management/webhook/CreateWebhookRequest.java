package com.penguinmails.webhooks.management.webhook;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/v1/platform/webhooks}. Everything but {@code name}, {@code url} and {@code events} is optional.
 *
 * @param name           a name to recognise the webhook by (required)
 * @param description    free notes
 * @param url            the HTTPS endpoint that receives the events
 * @param events         the event types to receive
 * @param status         {@code active} (default) or {@code paused}
 * @param timeoutSeconds how long the endpoint has to answer, 1–30, default 5
 * @param maxRetries     retries after the first attempt, 1–10, default 5
 * @param retriesEnabled whether failed deliveries are retried at all (spec 004 "Enable Retries"), default true
 * @param filters        optional filters beyond event types: workspaces, campaign_ids, contact_tags, payload
 * @param headers        optional headers sent with every POST: {@code Authorization} or {@code X-…}, at most 10
 */
public record CreateWebhookRequest(
        String name,
        String description,
        String url,
        List<String> events,
        String status,
        Integer timeoutSeconds,
        Integer maxRetries,
        Boolean retriesEnabled,
        JsonNode filters,
        Map<String, String> headers) {
}
