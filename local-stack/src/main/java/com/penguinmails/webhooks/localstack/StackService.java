package com.penguinmails.webhooks.localstack;

import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One service of the local stack in its own Spring context, its properties passed as command-line arguments so that
 * they override its own yml; it can be stopped and started again with the same properties, or some changed.
 */
final class StackService implements AutoCloseable {

    private final Supplier<SpringApplicationBuilder> builder;
    private final Clock clock;
    private String[] args;
    private ConfigurableApplicationContext context;

    /** A service not started yet; {@code clock}, when not null, takes the place of the service's system clock. */
    StackService(Supplier<SpringApplicationBuilder> builder, Map<String, ?> properties, Clock clock) {
        this.builder = builder;
        this.args = args(properties);
        this.clock = clock;
    }

    void start() {
        SpringApplicationBuilder application = builder.get().sources(OwnNettyResourcesConfiguration.class);
        if (clock != null) {
            // takes the place of the services' own system clock (a @ConditionalOnMissingBean)
            application.initializers(context -> context.getBeanFactory().registerSingleton("clock", clock));
        }
        context = application.run(args);
    }

    /** Stops the service and starts it again with some properties changed; the change stays for later starts. */
    void restart(Map<String, ?> changed) {
        close();
        Map<String, Object> properties = new LinkedHashMap<>();
        Arrays.stream(args).forEach(arg -> {
            int equals = arg.indexOf('=');
            properties.put(arg.substring(2, equals), arg.substring(equals + 1));
        });
        properties.putAll(changed);
        args = args(properties);
        start();
    }

    boolean running() {
        return context != null;
    }

    <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
            context = null;
        }
    }

    private static String[] args(Map<String, ?> properties) {
        return properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }
}
