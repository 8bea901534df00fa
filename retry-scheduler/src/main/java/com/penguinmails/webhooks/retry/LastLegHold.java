package com.penguinmails.webhooks.retry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;

/**
 * The bounded look-ahead of the last-leg topic. Records there are out of order by up to the shortest tier's delay
 * (each is the remainder of a wait, due at its {@code due_at}), so watching only a partition's head would make a short
 * remainder wait for a longer one written before it. Instead the scheduler reads the last-leg topic's partitions past
 * the head and keeps each record here, bytes and all, until it is due.
 *
 * <p>This is not a queue of pending retries: a record stays on Kafka until it has been relayed, and a partition's
 * committed offset never passes a record that is still held or whose relay the broker has not acknowledged (see
 * {@link #commits()}), so a crash re-reads what was held. A record waits on the last-leg topic less than the shortest
 * tier's delay, so what is held is bounded by the rate into it times that delay, and by {@code maxRecords}: when it is
 * {@link #full()}, the scheduler pauses the topic's partitions until records leave.
 *
 * <p>Time is passed in, so tests need no clock. Not thread-safe: the relay's own thread uses it.
 */
final class LastLegHold {

    /** One record read from the last-leg topic and not yet relayed. */
    record Held(TopicPartition partition, long offset, String key, byte[] value, Headers headers, DueTime due) {
    }

    private final int maxRecords;
    private final PriorityQueue<Held> byLegEnd = new PriorityQueue<>(
            Comparator.comparing((Held held) -> held.due().leavesTierAt()).thenComparingLong(Held::offset));
    /** Per partition, the offsets read and not yet acknowledged as relayed: held, or released and being sent. */
    private final Map<TopicPartition, TreeSet<Long>> unfinished = new HashMap<>();
    /** Per partition, the offset after the last record read. */
    private final Map<TopicPartition, Long> readUpTo = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    LastLegHold(int maxRecords) {
        if (maxRecords < 1) {
            throw new IllegalArgumentException("the last-leg hold needs room for at least one record");
        }
        this.maxRecords = maxRecords;
    }

    /**
     * Notes a record read from a last-leg partition; a record that is not held must be {@link #acknowledged} once its
     * relay is, like a released one.
     */
    void read(TopicPartition partition, long offset) {
        readUpTo.merge(partition, offset + 1, Math::max);
        unfinished.computeIfAbsent(partition, p -> new TreeSet<>()).add(offset);
    }

    /** Keeps a record read with {@link #read} until its leg ends. */
    void hold(Held held) {
        byLegEnd.add(held);
    }

    /** Removes and returns, earliest first, the held records whose leg has ended by {@code now}. */
    List<Held> release(Instant now) {
        List<Held> due = new ArrayList<>();
        while (!byLegEnd.isEmpty() && !byLegEnd.peek().due().leavesTierAt().isAfter(now)) {
            due.add(byLegEnd.poll());
        }
        return due;
    }

    /** The broker has acknowledged the relay of this record: its offset may be committed. */
    void acknowledged(TopicPartition partition, long offset) {
        TreeSet<Long> offsets = unfinished.get(partition);
        if (offsets != null) {
            offsets.remove(offset);
        }
    }

    /**
     * The offsets to commit: for each partition whose contiguous prefix of finished records has grown since the last
     * call, the first offset not finished (or after the last read). Assumes the caller commits them.
     */
    Map<TopicPartition, OffsetAndMetadata> commits() {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        for (Map.Entry<TopicPartition, Long> read : readUpTo.entrySet()) {
            TreeSet<Long> offsets = unfinished.get(read.getKey());
            long upTo = offsets == null || offsets.isEmpty() ? read.getValue() : offsets.first();
            Long before = committed.get(read.getKey());
            if (before == null || upTo > before) {
                committed.put(read.getKey(), upTo);
                commits.put(read.getKey(), new OffsetAndMetadata(upTo));
            }
        }
        return commits;
    }

    /** When the earliest held leg ends, or null when nothing is held. */
    Instant nextLegEnd() {
        Held first = byLegEnd.peek();
        return first == null ? null : first.due().leavesTierAt();
    }

    int size() {
        return byLegEnd.size();
    }

    /** True when no more records should be read until some leave. */
    boolean full() {
        return byLegEnd.size() >= maxRecords;
    }

    /**
     * Drops everything about partitions this instance no longer owns (a rebalance): their next owner reads them from
     * the last committed offset, which no held record is past.
     */
    void forget(Collection<TopicPartition> partitions) {
        byLegEnd.removeIf(held -> partitions.contains(held.partition()));
        partitions.forEach(partition -> {
            unfinished.remove(partition);
            readUpTo.remove(partition);
            committed.remove(partition);
        });
    }

    /** Drops everything: the consumer that read it is gone, and a new one reads again from the committed offsets. */
    void forgetAll() {
        byLegEnd.clear();
        unfinished.clear();
        readUpTo.clear();
        committed.clear();
    }
}
