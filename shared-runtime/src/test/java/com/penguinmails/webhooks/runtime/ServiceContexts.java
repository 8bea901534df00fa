package com.penguinmails.webhooks.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.util.ReflectionTestUtils;

/** What the tests read of a service's context: the topics it creates at start-up, or why it failed to start. */
final class ServiceContexts {

    private ServiceContexts() {
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
