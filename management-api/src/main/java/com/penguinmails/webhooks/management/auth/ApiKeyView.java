package com.penguinmails.webhooks.management.auth;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An API key as the API shows it: never its hash, and the key itself ({@code key}) only in the answer to its creation.
 * {@code last_used_at} is accurate to about a minute; {@code revoked_at} is null while the key is active.
 */
record ApiKeyView(
        String id,
        String name,
        String role,
        String prefix,
        Instant createdAt,
        Instant lastUsedAt,
        Instant revokedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) String key) {

    static ApiKeyView of(ApiKeyRepository.ApiKeyRow row, String key) {
        return new ApiKeyView(row.id(), row.name(), row.role(), row.prefix(), row.createdAt(), row.lastUsedAt(), row.revokedAt(), key);
    }
}
