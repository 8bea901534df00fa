package com.penguinmails.webhooks.management.health;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Health thresholds, both counted in consecutive failed attempts of a webhook (first attempts and retries alike).
 *
 * @param failingAfterAttempts failed attempts in a row that mark a webhook failing and send {@code webhook.failing}
 * @param disableAfterAttempts failed attempts in a row that pause a webhook and send {@code webhook.disabled}
 */
@ConfigurationProperties("penguin.management.health")
public record HealthProperties(
        @DefaultValue("5") int failingAfterAttempts,
        @DefaultValue("100") int disableAfterAttempts) {

    public HealthProperties {
        if (failingAfterAttempts < 1 || disableAfterAttempts < 1) {
            throw new IllegalArgumentException("penguin.management.health thresholds must be at least 1");
        }
    }
}
