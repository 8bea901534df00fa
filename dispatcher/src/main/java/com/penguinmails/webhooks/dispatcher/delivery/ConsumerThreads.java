package com.penguinmails.webhooks.dispatcher.delivery;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

import com.penguinmails.webhooks.dispatcher.DispatcherProperties;

/**
 * How many consumer threads each of {@link EventListener}'s containers runs, from {@link DispatcherProperties}
 * ({@code event-consumers}, {@code due-consumers}, {@code replay-consumers}): set on the containers as the listener
 * container factory creates them, so the defaults live in the properties record alone.
 */
@Configuration(proxyBeanMethods = false)
class ConsumerThreads {

    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> consumersPerListener(DispatcherProperties properties) {
        Map<String, Integer> threads = Map.of(EventListener.EVENTS, properties.eventConsumers(),
                EventListener.DUE, properties.dueConsumers(), EventListener.REPLAY, properties.replayConsumers());
        return container -> {
            Integer count = threads.get(container.getListenerId());
            if (count != null) {
                container.setConcurrency(count);
            }
        };
    }
}
