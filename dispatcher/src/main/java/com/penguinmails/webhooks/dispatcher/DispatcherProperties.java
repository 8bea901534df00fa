package com.penguinmails.webhooks.dispatcher;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the dispatcher.
 *
 * @param secretEncryptionKey base64 of the 32-byte AES key that webhook secrets are encrypted with (shared with
 *                            management-api)
 * @param retryDelays         the wait after the first, second, … failed attempt; the last one repeats
 * @param allowPrivateTargets whether endpoints on loopback, private and link-local addresses may be called (the
 *                            local stack only: in production that would let a webhook reach internal services)
 * @param connectTimeout      how long opening a connection to a receiver may take
 * @param configLoadTimeout   how long start-up waits for the subscription index to load before failing
 * @param handOffAfter        how long a consumed record waits for an attempt before handing it off: the call goes
 *                            on in the background, a safety-net record goes to a delay topic, and the record's offset
 *                            can be committed, so one slow endpoint never holds back the partition
 */
@ConfigurationProperties("penguin.dispatcher")
public record DispatcherProperties(
        String secretEncryptionKey,
        @DefaultValue({"1m", "5m", "15m", "1h", "24h"}) List<Duration> retryDelays,
        @DefaultValue("false") boolean allowPrivateTargets,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("60s") Duration configLoadTimeout,
        @DefaultValue("500ms") Duration handOffAfter) {

    public DispatcherProperties {
        if (secretEncryptionKey == null || secretEncryptionKey.isBlank()) {
            throw new IllegalArgumentException("penguin.dispatcher.secret-encryption-key is required (base64 of 32 bytes, the same as management-api's)");
        }
        if (retryDelays.isEmpty()) {
            throw new IllegalArgumentException("penguin.dispatcher.retry-delays needs at least one delay");
        }
        retryDelays = List.copyOf(retryDelays);
    }
}
