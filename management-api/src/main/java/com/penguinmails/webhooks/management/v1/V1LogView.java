package com.penguinmails.webhooks.management.v1;

import java.time.Instant;

/**
 * One delivery of an event to a {@code /v1} webhook, in the state its latest attempt left it. Every field is present,
 * null when it does not apply (no response yet, no retry due).
 *
 * @param id                 the delivery id, also sent as {@code X-PenguinMails-Delivery-ID} and {@code webhook-id}
 * @param eventId            the event's id, the payload's {@code id}
 * @param type               the short event name, the payload's {@code type}
 * @param status             {@code delivered}, {@code pending_retry}, {@code failed} (attempts exhausted) or
 *                           {@code skipped} (the webhook was not active)
 * @param attempts           attempts made so far
 * @param maxAttempts        attempts allowed in all
 * @param responseStatusCode the HTTP status of the latest attempt's answer; null when none came
 * @param durationMs         how long the latest attempt took
 * @param error              why the latest attempt failed or was skipped
 * @param createdAt          when the first attempt was made
 * @param lastAttemptAt      when the latest attempt was made
 * @param nextAttemptAt      when the next attempt is due, while one is
 */
record V1LogView(String id, String eventId, String type, String status, int attempts, int maxAttempts,
                 Integer responseStatusCode, Long durationMs, String error, Instant createdAt, Instant lastAttemptAt,
                 Instant nextAttemptAt) {
}
