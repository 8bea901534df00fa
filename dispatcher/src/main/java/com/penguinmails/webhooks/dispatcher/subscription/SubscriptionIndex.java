package com.penguinmails.webhooks.dispatcher.subscription;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.dispatcher.DispatcherProperties;
import com.penguinmails.webhooks.runtime.CompactedTopicView;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.WebhookConfig;

/**
 * Every webhook, read from the compacted {@code webhooks.config} topic, indexed by workspace. The view loads fully
 * before the event listeners start (an event matched against a half-loaded index would be lost) and then follows
 * changes.
 */
@Component
public class SubscriptionIndex {

    private final CompactedTopicView<WebhookConfig> view;
    private final Map<String, Map<String, WebhookConfig>> byWorkspace = new ConcurrentHashMap<>();

    SubscriptionIndex(CompactedTopicView<WebhookConfig> webhookConfigView) {
        this.view = webhookConfigView;
        view.addListener(this::changed);
    }

    /** The webhooks of the workspace subscribed to the type, active or not (inactive ones are recorded as skipped). */
    public List<WebhookConfig> subscribers(String workspaceId, String eventType) {
        return byWorkspace.getOrDefault(workspaceId, Map.of()).values().stream()
                .filter(webhook -> webhook.subscribesTo(eventType))
                .toList();
    }

    public Optional<WebhookConfig> webhook(String webhookId) {
        return view.get(webhookId);
    }

    private void changed(String webhookId, WebhookConfig old, WebhookConfig current) {
        if (old != null) {
            byWorkspace.computeIfPresent(old.workspaceId(), (ws, hooks) -> {
                hooks.remove(webhookId);
                return hooks.isEmpty() ? null : hooks;
            });
        }
        if (current != null) {
            byWorkspace.computeIfAbsent(current.workspaceId(), ws -> new ConcurrentHashMap<>()).put(webhookId, current);
        }
    }

    /** The view of {@code webhooks.config}, a lifecycle bean of its own. */
    @Configuration(proxyBeanMethods = false)
    static class ViewConfiguration {

        @Bean
        CompactedTopicView<WebhookConfig> webhookConfigView(KafkaProperties kafka, DispatcherProperties properties) {
            return new CompactedTopicView<>(String.join(",", kafka.getBootstrapServers()), Topics.CONFIG,
                    bytes -> Json.read(bytes, WebhookConfig.class), kafka.buildConsumerProperties(), properties.configLoadTimeout());
        }
    }
}
