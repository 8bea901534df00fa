package com.penguinmails.webhooks.ingest.auth;

import java.util.Optional;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.ingest.IngestProperties;
import com.penguinmails.webhooks.runtime.CompactedTopicView;
import com.penguinmails.webhooks.model.ApiKeyRecord;
import com.penguinmails.webhooks.model.ApiKeys;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;

/**
 * Resolves {@code Authorization: Bearer <key>} to the workspace the key acts for, from the API keys management-api
 * publishes (as SHA-256 hashes) on a compacted topic. Ingest never touches the database.
 */
@Component
public class ApiKeyAuthenticator implements SmartLifecycle {

    private final CompactedTopicView<ApiKeyRecord> keys;
    private final IngestProperties properties;
    private volatile boolean running;

    ApiKeyAuthenticator(KafkaProperties kafka, IngestProperties properties) {
        this.properties = properties;
        this.keys = new CompactedTopicView<>(String.join(",", kafka.getBootstrapServers()), Topics.API_KEYS,
                bytes -> Json.read(bytes, ApiKeyRecord.class), kafka.buildConsumerProperties());
    }

    /** The key's record, or empty when the header is missing, malformed or names no live key. */
    public Optional<ApiKeyRecord> authenticate(String authorizationHeader) {
        String key = ApiKeys.fromAuthorizationHeader(authorizationHeader);
        return key == null ? Optional.empty() : keys.get(ApiKeys.hash(key));
    }

    @Override
    public void start() {
        keys.startAndAwait(properties.keysLoadTimeout());
        running = true;
    }

    @Override
    public void stop() {
        keys.close();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Load the keys before the web server starts taking requests. */
    @Override
    public int getPhase() {
        return Integer.MIN_VALUE + 1000;
    }
}
