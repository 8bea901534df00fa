package com.penguinmails.webhooks.management.v1;

import java.util.List;

/**
 * The answer of {@code GET /v1/webhooks}: every {@code /v1} webhook of the workspace, newest first, under {@code data}.
 * An object rather than a bare array so that paging can be added later without breaking clients.
 */
record V1WebhookList(List<V1WebhookView> data) {
}
