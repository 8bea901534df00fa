package com.penguinmails.webhooks.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.schedule.DelayTiers;

/**
 * Every topic of the system with its settings, so that whichever service starts first creates them all the same way.
 */
public final class TopicDefinitions {

    private TopicDefinitions() {
    }

    /** How much longer than the longest delay tier the work topics must keep records, for a consumer that is down. */
    public static final Duration RETENTION_MARGIN = Duration.ofDays(1);

    /** With {@link KafkaTopicsProperties#DEFAULT_RETENTION}. */
    public static List<NewTopic> all(int partitions, short replicationFactor, DelayTiers tiers) {
        return all(new KafkaTopicsProperties(partitions, replicationFactor, null), tiers);
    }

    /** With the given retention. */
    public static List<NewTopic> all(int partitions, short replicationFactor, DelayTiers tiers, Duration retention) {
        return all(new KafkaTopicsProperties(partitions, replicationFactor, retention), tiers);
    }

    /**
     * Every topic: the work topics (every one but the compacted ones) with {@code settings}' partitions and retention,
     * which must be at least the longest delay tier plus {@link #RETENTION_MARGIN}, or a waiting retry could be deleted.
     */
    public static List<NewTopic> all(KafkaTopicsProperties settings, DelayTiers tiers) {
        int partitions = settings.partitions();
        short replicationFactor = settings.replicationFactor();
        Duration retention = settings.retention();
        Duration longest = tiers.tiers().stream().map(DelayTiers.Tier::delay).max(Duration::compareTo).orElse(Duration.ZERO);
        if (retention.compareTo(longest.plus(RETENTION_MARGIN)) < 0) {
            throw new IllegalArgumentException("penguin.kafka.retention " + retention + " is too short: the longest delay tier is "
                    + longest + ", so the work topics must keep records for at least " + longest.plus(RETENTION_MARGIN)
                    + " or a waiting retry could be deleted before it is due");
        }
        List<NewTopic> topics = new ArrayList<>();
        topics.add(new NewTopic(Topics.INBOUND, partitions, replicationFactor));
        for (String events : Topics.eventTopics()) {
            topics.add(new NewTopic(events, partitions, replicationFactor));
        }
        for (String tier : tiers.topics()) {
            topics.add(new NewTopic(tier, partitions, replicationFactor));
        }
        topics.add(new NewTopic(Topics.DELIVERIES_DUE, partitions, replicationFactor));
        topics.add(new NewTopic(Topics.DELIVERIES_REPLAY, partitions, replicationFactor));
        topics.add(new NewTopic(Topics.DELIVERIES_DEAD, partitions, replicationFactor));
        topics.add(new NewTopic(Topics.ATTEMPTS, partitions, replicationFactor));
        topics.add(new NewTopic(Topics.INGEST_REJECTED, partitions, replicationFactor));
        topics.add(new NewTopic(Topics.POISON, 1, replicationFactor));
        topics.add(new NewTopic(Topics.TESTS, partitions, replicationFactor));
        topics.add(new NewTopic(Topics.TEST_RESULTS, 1, replicationFactor));
        Map<String, String> work = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
        topics.forEach(topic -> topic.configs(work));
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        topics.add(new NewTopic(Topics.CONFIG, 1, replicationFactor).configs(compacted));
        topics.add(new NewTopic(Topics.API_KEYS, 1, replicationFactor).configs(compacted));
        topics.add(new NewTopic(Topics.WORKSPACE_STATE, 1, replicationFactor).configs(compacted));
        return topics;
    }
}
