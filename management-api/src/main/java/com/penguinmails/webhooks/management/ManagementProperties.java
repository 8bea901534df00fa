package com.penguinmails.webhooks.management;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of management-api.
 *
 * @param secretEncryptionKey base64 of the 32-byte AES key webhook secrets are encrypted with (shared with the
 *                            dispatcher)
 * @param allowLoopbackUrls   whether webhook URLs may point at localhost over plain HTTP (the local stack only)
 * @param outboxInterval      how often the config outbox is drained to Kafka
 * @param bootstrap           a workspace and admin key to ensure at start-up, for a first login or the local stack
 */
@ConfigurationProperties("penguin.management")
public record ManagementProperties(
        String secretEncryptionKey,
        @DefaultValue("false") boolean allowLoopbackUrls,
        @DefaultValue("200ms") Duration outboxInterval,
        @DefaultValue Bootstrap bootstrap) {

    public ManagementProperties {
        if (secretEncryptionKey == null || secretEncryptionKey.isBlank()) {
            throw new IllegalArgumentException("penguin.management.secret-encryption-key is required (base64 of 32 bytes, the same as the dispatcher's)");
        }
    }

    /**
     * @param workspaceId   the workspace to ensure; nothing is created when blank
     * @param workspaceName its display name
     * @param apiKey        an admin API key to ensure for it (stored hashed)
     * @param plan          its plan when it is created, which sets its delivery rate limit
     * @param adminEmail    an admin user to ensure for it, who gets the workspace's health e-mails
     */
    public record Bootstrap(String workspaceId, @DefaultValue("Demo workspace") String workspaceName, String apiKey,
                            @DefaultValue("standard") String plan, String adminEmail) {
    }
}
