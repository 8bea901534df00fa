package com.penguinmails.webhooks.reliability;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import com.penguinmails.webhooks.model.Topics;

/**
 * The dispatchers' consumer group as the broker sees it: no stuck partitions means every partition of the event topic
 * has an owner and every partition the group consumes is committed up to its end.
 */
final class DispatcherGroup {

    private static final String GROUP = "dispatcher";
    private static final Duration SETTLE = Duration.ofMinutes(2);

    private DispatcherGroup() {
    }

    /**
     * Waits until the group owns every partition of {@code webhooks.events.email} and has no lag on any partition; a lag
     * of one is the commit marker that ends ingest's last transaction on an event topic, which a consumer never commits
     * past.
     */
    static void awaitCaughtUp(FaultCluster cluster) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.broker().bootstrapServers()))) {
            Map<TopicPartition, Long> lag = new HashMap<>();
            Set<TopicPartition> unowned = new HashSet<>();
            Poll.until("the dispatcher group owning every partition and caught up", SETTLE, () -> {
                lag.clear();
                lag.putAll(lag(admin));
                unowned.clear();
                unowned.addAll(unowned(admin));
                return unowned.isEmpty() && lag.values().stream().allMatch(behind -> behind <= 1);
            }, () -> "(unowned " + unowned + ", behind " + lag.entrySet().stream().filter(e -> e.getValue() > 1)
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")) + ")");
        }
    }

    /**
     * The dispatcher that consumes the test workspace's events now. Ingest keys event records by workspace, so all of
     * one workspace's first attempts go through one partition of {@code webhooks.events.email}: the one that has
     * records. Each dispatcher's Kafka clients carry its name as their client id.
     */
    static ServiceProcess ownerOfTheWorkspacePartition(FaultCluster cluster) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.broker().bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (int partition = 0; partition < FaultCluster.PARTITIONS; partition++) {
                latest.put(new TopicPartition(Topics.EVENTS_PREFIX + "email", partition), OffsetSpec.latest());
            }
            TopicPartition used = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                    .filter(e -> e.getValue().offset() > 0).map(Map.Entry::getKey).findFirst()
                    .orElseThrow(() -> new AssertionError("no events on " + Topics.EVENTS_PREFIX + "email yet"));
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get(10, TimeUnit.SECONDS).get(GROUP);
            String clientId = group.members().stream().filter(member -> member.assignment().topicPartitions().contains(used))
                    .map(member -> member.clientId()).findFirst()
                    .orElseThrow(() -> new AssertionError(used + " has no owner in " + group));
            return cluster.dispatchers().stream().filter(dispatcher -> clientId.equals(dispatcher.name()) || clientId.startsWith(dispatcher.name() + "-")).findFirst()
                    .orElseThrow(() -> new AssertionError("no dispatcher has the client id " + clientId));
        } catch (Exception e) {
            throw new IllegalStateException("cannot tell which dispatcher consumes the workspace's events", e);
        }
    }

    /** Every consumer group's partitions that are more than one record behind, for a failure's message. */
    static String lagReport(FaultCluster cluster) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.broker().bootstrapServers()))) {
            StringBuilder report = new StringBuilder();
            for (var listing : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
                String group = listing.groupId();
                String behind = lag(admin, group).entrySet().stream().filter(e -> e.getValue() > 1)
                        .map(e -> e.getKey() + "=" + e.getValue()).sorted().collect(Collectors.joining(", "));
                report.append(group).append(": ").append(behind.isEmpty() ? "caught up" : behind).append("; ");
            }
            return report.toString();
        } catch (Exception e) {
            return "lag unknown: " + e;
        }
    }

    private static Map<TopicPartition, Long> lag(Admin admin) throws Exception {
        return lag(admin, GROUP);
    }

    private static Map<TopicPartition, Long> lag(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                .get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(10, TimeUnit.SECONDS)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        Map<TopicPartition, Long> lag = new HashMap<>();
        committed.forEach((partition, offset) -> {
            if (offset != null) {
                lag.put(partition, ends.get(partition) - offset.offset());
            }
        });
        return lag;
    }

    private static Set<TopicPartition> unowned(Admin admin) throws Exception {
        ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get(10, TimeUnit.SECONDS).get(GROUP);
        Set<TopicPartition> owned = group.members().stream().flatMap(member -> member.assignment().topicPartitions().stream())
                .collect(Collectors.toSet());
        Set<TopicPartition> unowned = new HashSet<>();
        for (int partition = 0; partition < FaultCluster.PARTITIONS; partition++) {
            TopicPartition events = new TopicPartition(Topics.EVENTS_PREFIX + "email", partition);
            if (!owned.contains(events)) {
                unowned.add(events);
            }
        }
        return unowned;
    }
}
