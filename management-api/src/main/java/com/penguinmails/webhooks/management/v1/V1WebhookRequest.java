package com.penguinmails.webhooks.management.v1;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /v1/webhooks} and {@code PUT /v1/webhooks/{id}}. A create needs {@code url} and
 * {@code events}; a PUT changes only the fields it gives.
 *
 * @param url    the HTTPS endpoint that receives the events
 * @param events short event names: queued, sending, delivered, bounced, complained, opened, clicked
 * @param secret the signing secret, 16–256 characters; on create a {@code whsec_} one is generated when absent
 * @param active whether events are sent (true, the default) or only recorded as skipped (false)
 */
record V1WebhookRequest(
        @Schema(example = "https://yourapp.com/webhooks/email") String url,
        @Schema(example = "[\"delivered\", \"bounced\", \"complained\"]") List<String> events,
        @Schema(example = "your-webhook-secret-value", minLength = 16, maxLength = 256, writeOnly = true) String secret,
        @Schema(example = "true") Boolean active) {
}
