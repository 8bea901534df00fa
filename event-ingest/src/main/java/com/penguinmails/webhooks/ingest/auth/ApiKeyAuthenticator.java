package com.penguinmails.webhooks.ingest.auth;

import java.util.Optional;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.ingest.IngestProperties;
import com.penguinmails.webhooks.model.ApiKeyRecord;
import com.penguinmails.webhooks.model.ApiKeys;
import com.penguinmails.webhooks.model.Payloads;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.runtime.CompactedTopicView;

/**
 * Resolves {@code Authorization: Bearer <key>} to the workspace the key acts for, from the API keys management-api
 * publishes (as SHA-256 hashes) on a compacted topic. Ingest never touches the database; the view is loaded before
 * the web server takes requests.
 */
@Component
public class ApiKeyAuthenticator {

    private final CompactedTopicView<ApiKeyRecord> keys;

    ApiKeyAuthenticator(CompactedTopicView<ApiKeyRecord> apiKeyView) {
        this.keys = apiKeyView;
    }

    /** The key's record, or empty when the header is missing, malformed or names no live key. */
    public Optional<ApiKeyRecord> authenticate(String authorizationHeader) {
        String key = ApiKeys.fromAuthorizationHeader(authorizationHeader);
        return key == null ? Optional.empty() : keys.get(ApiKeys.hash(key));
    }

    /** The view of {@code webhooks.apikeys}, a lifecycle bean of its own. */
    @Configuration(proxyBeanMethods = false)
    static class ViewConfiguration {

        @Bean
        CompactedTopicView<ApiKeyRecord> apiKeyView(KafkaProperties kafka, IngestProperties properties) {
            return new CompactedTopicView<>(String.join(",", kafka.getBootstrapServers()), Topics.API_KEYS,
                    bytes -> Payloads.read(bytes, ApiKeyRecord.class), kafka.buildConsumerProperties(), properties.keysLoadTimeout());
        }
    }
}
