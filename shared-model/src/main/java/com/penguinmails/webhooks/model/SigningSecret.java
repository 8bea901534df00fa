package com.penguinmails.webhooks.model;

import java.time.Instant;

/**
 * One signing secret of a webhook as carried on the config topic.
 *
 * @param encrypted the secret, AES-GCM encrypted with the key management-api and the dispatcher share
 * @param expiresAt when it stops signing (the end of a rotation's grace period), or null while it is current
 */
public record SigningSecret(String encrypted, Instant expiresAt) {

    public boolean isLive(Instant now) {
        return expiresAt == null || expiresAt.isAfter(now);
    }
}
