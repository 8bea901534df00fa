package com.penguinmails.webhooks.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.util.ReflectionTestUtils;

/** A service's context as the tests start it, and what they read of it: its topics, or why it failed to start. */
final class ServiceContexts {

    private ServiceContexts() {
    }

    /** A service that binds only the configuration every service imports, and whose environment has these variables. */
    static ApplicationContextRunner service(Map<String, Object> environmentVariables) {
        return new ApplicationContextRunner()
                .withUserConfiguration(ServiceFoundationConfiguration.class)
                .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("test-systemEnvironment", environmentVariables)));
    }

    /** The topics the context hands to {@code KafkaAdmin} (whose getter is package-private). */
    static List<NewTopic> topics(AssertableApplicationContext context) {
        return ReflectionTestUtils.invokeMethod(context.getBean(KafkaAdmin.NewTopics.class), "getNewTopics");
    }

    static NewTopic topic(AssertableApplicationContext context, String name) {
        return topics(context).stream().filter(topic -> topic.name().equals(name)).findFirst().orElseThrow();
    }

    /** The messages of the start-up failure and of every cause, as the log shows them. */
    static String startupFailure(AssertableApplicationContext context) {
        assertThat(context).hasFailed();
        StringBuilder messages = new StringBuilder();
        for (Throwable cause = context.getStartupFailure(); cause != null; cause = cause.getCause()) {
            messages.append(cause.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
