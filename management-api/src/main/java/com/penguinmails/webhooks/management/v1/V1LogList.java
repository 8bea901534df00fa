package com.penguinmails.webhooks.management.v1;

import java.util.List;

/** The answer of {@code GET /v1/webhooks/{id}/logs}: the webhook's latest deliveries, newest first, under {@code data}. */
record V1LogList(List<V1LogView> data) {
}
