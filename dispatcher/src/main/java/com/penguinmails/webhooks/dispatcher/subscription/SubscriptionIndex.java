package com.penguinmails.webhooks.dispatcher.subscription;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.dispatcher.DispatcherProperties;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Payloads;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.WebhookConfig;
import com.penguinmails.webhooks.model.filter.FilterSyntaxException;
import com.penguinmails.webhooks.model.filter.WebhookFilter;
import com.penguinmails.webhooks.runtime.CompactedTopicView;

/**
 * Every webhook, read from the compacted {@code webhooks.config} topic, indexed by workspace and by subscribed type
 * (a category wildcard such as {@code email.*} is a key of its own), so a lookup touches only the webhooks that can
 * match. The view loads fully before the event listeners start (an event matched against a half-loaded index would be
 * lost) and then follows changes.
 */
@Component
public class SubscriptionIndex {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionIndex.class);

    private final CompactedTopicView<WebhookConfig> view;
    /** workspace id → subscribed type or wildcard → webhook id → subscription. */
    private final Map<String, Map<String, Map<String, Subscription>>> index = new ConcurrentHashMap<>();

    SubscriptionIndex(CompactedTopicView<WebhookConfig> webhookConfigView) {
        this.view = webhookConfigView;
        view.addListener(this::changed);
    }

    /** The webhooks of the workspace subscribed to the type, active or not (inactive ones are recorded as skipped). */
    public List<Subscription> subscribers(String workspaceId, String eventType) {
        Map<String, Map<String, Subscription>> byType = index.get(workspaceId);
        if (byType == null || eventType == null) {
            return List.of();
        }
        List<Subscription> found = new ArrayList<>();
        Map<String, Subscription> exact = byType.get(eventType);
        if (exact != null) {
            found.addAll(exact.values());
        }
        String category = EventType.wildcardOf(eventType);
        Map<String, Subscription> wildcard = category == null ? null : byType.get(category);
        if (wildcard != null) {
            wildcard.values().stream().filter(s -> !found.contains(s)).forEach(found::add);
        }
        return found;
    }

    /**
     * Whether any webhook of the workspace (active or not) subscribes to the type: the listener's check before it
     * parses an event, so it builds no list.
     */
    public boolean hasSubscribers(String workspaceId, String eventType) {
        Map<String, Map<String, Subscription>> byType = index.get(workspaceId);
        if (byType == null || eventType == null) {
            return false;
        }
        String category = EventType.wildcardOf(eventType);
        return byType.containsKey(eventType) || (category != null && byType.containsKey(category));
    }

    public Optional<WebhookConfig> webhook(String webhookId) {
        return view.get(webhookId);
    }

    private void changed(String webhookId, WebhookConfig old, WebhookConfig current) {
        if (old != null) {
            Map<String, Map<String, Subscription>> byType = index.get(old.workspaceId());
            if (byType != null) {
                for (String type : old.eventTypes()) {
                    byType.computeIfPresent(type, (t, hooks) -> {
                        hooks.remove(webhookId);
                        return hooks.isEmpty() ? null : hooks;
                    });
                }
            }
        }
        if (current != null) {
            Subscription subscription = new Subscription(current, compile(current));
            for (String type : current.eventTypes()) {
                index.computeIfAbsent(current.workspaceId(), ws -> new ConcurrentHashMap<>())
                        .computeIfAbsent(type, t -> new ConcurrentHashMap<>()).put(webhookId, subscription);
            }
        }
    }

    /**
     * management-api refuses bad filters, so this only fails for a record written by something else: such a webhook
     * then matches nothing rather than everything, and says so.
     */
    private static WebhookFilter compile(WebhookConfig webhook) {
        try {
            return WebhookFilter.parse(webhook.filters());
        } catch (FilterSyntaxException e) {
            log.error("webhook {} has an invalid filter at {}: {}; it will match no event", webhook.id(), e.path(), e.getMessage());
            return null;
        }
    }

    /** The view of {@code webhooks.config}, a lifecycle bean of its own. */
    @Configuration(proxyBeanMethods = false)
    static class ViewConfiguration {

        @Bean
        CompactedTopicView<WebhookConfig> webhookConfigView(KafkaProperties kafka, DispatcherProperties properties) {
            return new CompactedTopicView<>(String.join(",", kafka.getBootstrapServers()), Topics.CONFIG,
                    bytes -> Payloads.read(bytes, WebhookConfig.class), kafka.buildConsumerProperties(), properties.configLoadTimeout());
        }
    }
}
