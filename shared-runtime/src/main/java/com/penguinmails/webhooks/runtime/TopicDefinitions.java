package com.penguinmails.webhooks.runtime;

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

    /**
     * @param partitions        partitions of the event, retry, due and attempt topics (the dispatcher's unit of scale)
     * @param replicationFactor replicas of every topic (1 on a single local broker)
     * @param tiers             the delay topics
     */
    public static List<NewTopic> all(int partitions, short replicationFactor, DelayTiers tiers) {
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
        topics.add(new NewTopic(Topics.TESTS, partitions, replicationFactor));
        topics.add(new NewTopic(Topics.TEST_RESULTS, 1, replicationFactor));
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        topics.add(new NewTopic(Topics.CONFIG, 1, replicationFactor).configs(compacted));
        topics.add(new NewTopic(Topics.API_KEYS, 1, replicationFactor).configs(compacted));
        topics.add(new NewTopic(Topics.WORKSPACE_STATE, 1, replicationFactor).configs(compacted));
        return topics;
    }
}
