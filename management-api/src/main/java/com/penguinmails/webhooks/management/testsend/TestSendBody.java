package com.penguinmails.webhooks.management.testsend;

import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /api/v1/platform/webhooks/{id}/test}.
 *
 * @param eventType  the event type to send, e.g. {@code email.opened}
 * @param dataSource {@code sample} (default: the catalog's example), {@code latest} (the latest stored event of the
 *                   type in the workspace) or {@code custom} (the {@code data} given)
 * @param data       the event's {@code data} object, with {@code custom} only
 */
public record TestSendBody(String eventType, String dataSource, JsonNode data) {
}
