package com.penguinmails.webhooks.model;

/**
 * An API key as event-ingest needs it, carried on the compacted {@link Topics#API_KEYS} topic; the key itself is
 * never published, only its SHA-256.
 *
 * @param keyHash     hex SHA-256 of the key; also the record key
 * @param keyId       the key's id, {@code key_…}
 * @param workspaceId the workspace the key acts for
 * @param role        {@code admin} or {@code developer}
 */
public record ApiKeyRecord(String keyHash, String keyId, String workspaceId, String role) {
}
