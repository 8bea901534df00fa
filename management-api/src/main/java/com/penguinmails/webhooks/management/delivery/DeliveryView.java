package com.penguinmails.webhooks.management.delivery;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A delivery as the API shows it: its state after the latest attempt; {@code attempts_detail} only on the single
 * delivery's page, with {@code request_body}, the body sent (the same on every attempt); {@code test} only on a test
 * send's delivery (spec 001 "Test Mode"); {@code archived_at} only on a delivery archived by "Clear Failed Log".
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeliveryView(
        String id,
        String webhookId,
        String eventId,
        String eventType,
        String status,
        int attempts,
        int maxAttempts,
        Integer statusCode,
        Long durationMs,
        String error,
        String errorClass,
        Instant createdAt,
        Instant lastAttemptAt,
        Instant nextAttemptAt,
        Boolean test,
        Instant archivedAt,
        String requestBody,
        List<AttemptView> attemptsDetail) {

    DeliveryView withAttempts(List<AttemptView> detail) {
        return new DeliveryView(id, webhookId, eventId, eventType, status, attempts, maxAttempts, statusCode, durationMs,
                error, errorClass, createdAt, lastAttemptAt, nextAttemptAt, test, archivedAt, requestBody, detail);
    }

    DeliveryView withRequestBody(String body) {
        return new DeliveryView(id, webhookId, eventId, eventType, status, attempts, maxAttempts, statusCode, durationMs,
                error, errorClass, createdAt, lastAttemptAt, nextAttemptAt, test, archivedAt, body, attemptsDetail);
    }
}
