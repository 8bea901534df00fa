package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.schedule.DelayTiers;
import com.penguinmails.webhooks.runtime.TopicDefinitions;

/**
 * The topics the services create at start-up, as the broker has them: partitions from configuration, work topics with
 * a retention, the view topics compacted; and a retention too short for the longest retry refused at start.
 */
class TopicsIntegrationTests {

    @Test
    void theServicesCreatedEveryTopicWithItsPartitionsRetentionAndCleanupPolicy() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestStack.get().kafkaBootstrapServers()))) {
            List<String> expected = TopicDefinitions.all(1, (short) 1, DelayTiers.defaults()).stream().map(t -> t.name()).toList();
            assertThat(admin.listTopics().names().get()).containsAll(expected);

            var partitions = admin.describeTopics(List.of(Topics.ATTEMPTS, Topics.CONFIG)).allTopicNames().get();
            assertThat(partitions.get(Topics.ATTEMPTS).partitions()).hasSize(TestStack.get().options().partitions());
            assertThat(partitions.get(Topics.CONFIG).partitions()).hasSize(1);

            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(
                    new ConfigResource(ConfigResource.Type.TOPIC, "webhooks.retry.24h"),
                    new ConfigResource(ConfigResource.Type.TOPIC, Topics.CONFIG))).all().get();
            Config retry = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, "webhooks.retry.24h"));
            assertThat(retry.get("retention.ms").value()).isEqualTo(Long.toString(Duration.ofDays(7).toMillis()));
            assertThat(retry.get("cleanup.policy").value()).isEqualTo("delete");
            assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, Topics.CONFIG)).get("cleanup.policy").value())
                    .isEqualTo("compact");
        }
    }

    @Test
    void refusesARetentionShorterThanTheLongestRetryWaits() {
        assertThatThrownBy(() -> TopicDefinitions.all(12, (short) 3, DelayTiers.defaults(), Duration.ofHours(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("penguin.kafka.retention")
                .hasMessageContaining("at least PT48H");
        assertThat(TopicDefinitions.all(12, (short) 3, DelayTiers.defaults(), Duration.ofHours(48)))
                .allSatisfy(topic -> assertThat(topic.replicationFactor()).isEqualTo((short) 3));
    }
}
