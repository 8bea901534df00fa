package com.penguinmails.webhooks.management.workspace;

import java.time.Duration;
import java.util.Optional;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.model.Payloads;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.WorkspaceDeliveryState;
import com.penguinmails.webhooks.runtime.CompactedTopicView;

/**
 * What the dispatchers say of each workspace's delivery rate (throttled or not), read from the compacted
 * {@link Topics#WORKSPACE_STATE} topic.
 */
@Component
class WorkspaceDeliveryStates {

    private final CompactedTopicView<WorkspaceDeliveryState> view;

    WorkspaceDeliveryStates(CompactedTopicView<WorkspaceDeliveryState> workspaceStateView) {
        this.view = workspaceStateView;
    }

    Optional<WorkspaceDeliveryState> of(String workspaceId) {
        return view.get(workspaceId);
    }

    @Configuration(proxyBeanMethods = false)
    static class ViewConfiguration {

        @Bean
        CompactedTopicView<WorkspaceDeliveryState> workspaceStateView(KafkaProperties kafka) {
            return new CompactedTopicView<>(String.join(",", kafka.getBootstrapServers()), Topics.WORKSPACE_STATE,
                    bytes -> Payloads.read(bytes, WorkspaceDeliveryState.class), kafka.buildConsumerProperties(), Duration.ofSeconds(60));
        }
    }
}
