package com.penguinmails.webhooks.runtime;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How every service creates the topics it finds missing at start-up ({@link TopicDefinitions}), {@code penguin.kafka}.
 * Every service must be given the same values: whichever starts first creates the topics.
 *
 * @param partitions        partitions of each work topic, the dispatcher's unit of scale (no more busy dispatchers
 *                          than that); at least 1
 * @param replicationFactor replicas of every topic: 1 on a single local broker, 3 on a real cluster; at least 1
 * @param retention         how long the work topics keep records (unset: {@link #DEFAULT_RETENTION}); refused at start
 *                          when shorter than the longest delay tier plus {@link TopicDefinitions#RETENTION_MARGIN}, or
 *                          a waiting retry could be deleted before it is due
 */
@ConfigurationProperties("penguin.kafka")
public record KafkaTopicsProperties(
        @DefaultValue("12") int partitions,
        @DefaultValue("1") short replicationFactor,
        Duration retention) {

    /** The retention of the work topics when none is configured: a week, time to bring a consumer back. */
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(7);

    public KafkaTopicsProperties {
        if (partitions < 1) {
            throw new IllegalArgumentException("penguin.kafka.partitions must be at least 1, not " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("penguin.kafka.replication-factor must be at least 1, not " + replicationFactor);
        }
        if (retention == null) {
            retention = DEFAULT_RETENTION;
        }
    }
}
