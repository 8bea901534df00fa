package com.penguinmails.webhooks.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.penguinmails.webhooks.model.Topics;

/**
 * {@code penguin.kafka.*} bound as every service binds it (through {@link ServiceFoundationConfiguration}): the
 * defaults, the property and environment-variable names the deployment files use, and a clear refusal at start-up.
 */
class KafkaTopicsPropertiesTests {

    private final ApplicationContextRunner service = ServiceContexts.service(Map.of());

    @Test
    void createsTwelvePartitionsOneReplicaAndAWeeksRetentionByDefault() {
        service.run(context -> {
            assertThat(context.getBean(KafkaTopicsProperties.class))
                    .isEqualTo(new KafkaTopicsProperties(12, (short) 1, Duration.ofDays(7)));
            NewTopic attempts = ServiceContexts.topic(context, Topics.ATTEMPTS);
            assertThat(attempts.numPartitions()).isEqualTo(12);
            assertThat(attempts.replicationFactor()).isEqualTo((short) 1);
            assertThat(attempts.configs()).containsEntry("retention.ms", Long.toString(Duration.ofDays(7).toMillis()));
        });
    }

    @Test
    void takesThePropertiesTheServicesAreStartedWith() {
        service.withPropertyValues("penguin.kafka.partitions=3", "penguin.kafka.replication-factor=3", "penguin.kafka.retention=10d")
                .run(context -> {
                    NewTopic attempts = ServiceContexts.topic(context, Topics.ATTEMPTS);
                    assertThat(attempts.numPartitions()).isEqualTo(3);
                    assertThat(attempts.replicationFactor()).isEqualTo((short) 3);
                    assertThat(attempts.configs()).containsEntry("retention.ms", Long.toString(Duration.ofDays(10).toMillis()));
                });
    }

    /** The names in deploy/k8s/base/config.yaml, deploy/docker-compose.yml, the bench and reliability scripts. */
    @Test
    void takesTheEnvironmentVariablesOfTheDeploymentFiles() {
        ServiceContexts.service(Map.of(
                        "PENGUIN_KAFKA_PARTITIONS", "6",
                        "PENGUIN_KAFKA_REPLICATION_FACTOR", "3",
                        "PENGUIN_KAFKA_RETENTION", "14d"))
                .run(context -> assertThat(context.getBean(KafkaTopicsProperties.class))
                        .isEqualTo(new KafkaTopicsProperties(6, (short) 3, Duration.ofDays(14))));
    }

    @Test
    void refusesToStartWithoutAPartition() {
        service.withPropertyValues("penguin.kafka.partitions=0")
                .run(context -> assertThat(ServiceContexts.startupFailure(context))
                        .contains("penguin.kafka.partitions must be at least 1, not 0"));
    }

    @Test
    void refusesToStartWithoutAReplica() {
        service.withPropertyValues("penguin.kafka.replication-factor=0")
                .run(context -> assertThat(ServiceContexts.startupFailure(context))
                        .contains("penguin.kafka.replication-factor must be at least 1, not 0"));
    }

    @Test
    void refusesToStartWithAReplicationFactorThatIsNotANumber() {
        service.withPropertyValues("penguin.kafka.replication-factor=three")
                .run(context -> assertThat(ServiceContexts.startupFailure(context))
                        .contains("penguin.kafka.replication-factor").contains("three"));
    }

    @Test
    void refusesToStartWithARetentionShorterThanTheLongestRetryWaits() {
        service.withPropertyValues("penguin.kafka.retention=1d")
                .run(context -> assertThat(ServiceContexts.startupFailure(context))
                        .contains("penguin.kafka.retention PT24H is too short").contains("at least PT48H"));
    }
}
