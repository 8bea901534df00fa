package com.penguinmails.webhooks.localstack;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Gives each service of the local stack its own Reactor Netty event loops and connection pool. By default every
 * Spring context in a JVM shares the global ones and disposes them when it closes, so restarting one service would
 * take the others' servers down with it.
 */
@Configuration(proxyBeanMethods = false)
class OwnNettyResourcesConfiguration {

    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        return factory;
    }
}
