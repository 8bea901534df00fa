package com.penguinmails.webhooks.retry;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.schedule.DelayTiers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** The delay-topic relay's meters: records held and waiting per tier, records relayed and how late, restarts. */
final class RelayMetrics {

    private static final Logger log = LoggerFactory.getLogger(RelayMetrics.class);
    private static final Duration PENDING_REFRESH = Duration.ofSeconds(5);

    private final String lastLegTopic;
    private final LastLegHold hold;
    private final Map<String, AtomicLong> pending = new ConcurrentHashMap<>();
    private final Timer lateness;
    private final Counter relayedDue;
    private final Counter relayedOn;
    private final Counter restarts;
    private long pendingCountedAt = System.nanoTime() - PENDING_REFRESH.toNanos();

    RelayMetrics(MeterRegistry meters, DelayTiers tiers, LastLegHold hold) {
        this.lastLegTopic = tiers.lastLeg().topic();
        this.hold = hold;
        Gauge.builder("penguin.scheduler.held", hold, LastLegHold::size)
                .description("records of the last-leg topic read ahead and held until due (bounded look-ahead; they stay on Kafka until relayed)")
                .tag("tier", lastLegTopic).register(meters);
        for (String topic : tiers.topics()) {
            AtomicLong count = new AtomicLong();
            pending.put(topic, count);
            Gauge.builder("penguin.scheduler.pending", count, AtomicLong::get)
                    .description("records waiting on the delay topic (partitions assigned to this instance)")
                    .tag("tier", topic).register(meters);
        }
        this.lateness = Timer.builder("penguin.scheduler.lateness")
                .description("how long after its due time a delivery was passed to " + Topics.DELIVERIES_DUE)
                .publishPercentiles(0.5, 0.99, 0.999).publishPercentileHistogram().register(meters);
        this.relayedDue = Counter.builder("penguin.scheduler.relayed").tag("to", "due")
                .description("records moved off the delay topics").register(meters);
        this.relayedOn = Counter.builder("penguin.scheduler.relayed").tag("to", "next_tier")
                .description("records moved off the delay topics").register(meters);
        this.restarts = Counter.builder("penguin.scheduler.relay.restarts")
                .description("times the delay-topic relay failed and started again with a new consumer").register(meters);
    }

    /** A record is being passed on as {@code forward} says. */
    void relayed(RelayDecision.Forward forward) {
        if (forward.lateness() != null) {
            lateness.record(forward.lateness());
        }
        (forward.toDueTopic() ? relayedDue : relayedOn).increment();
    }

    void restarted() {
        restarts.increment();
    }

    /**
     * Records waiting per tier: for each partition of this instance, the distance from its position to its end. The
     * ends are asked of the broker every few seconds: a paused partition is not fetched, so the consumer's own idea of
     * its end (what {@code currentLag} uses) stays where it was when the partition was paused.
     */
    void countPending(Consumer<?, ?> consumer) {
        if (System.nanoTime() - pendingCountedAt < PENDING_REFRESH.toNanos()) {
            return;
        }
        pendingCountedAt = System.nanoTime();
        try {
            Map<String, Long> counts = new HashMap<>();
            Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), PENDING_REFRESH);
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                long position = consumer.position(end.getKey(), PENDING_REFRESH);
                counts.merge(end.getKey().topic(), Math.max(0, end.getValue() - position), Long::sum);
            }
            // the last-leg topic's held records are behind its position, but still waiting
            counts.merge(lastLegTopic, (long) hold.size(), Long::sum);
            pending.forEach((topic, count) -> count.set(counts.getOrDefault(topic, 0L)));
        } catch (TimeoutException e) {
            log.debug("could not count the pending records this time", e);
        }
    }
}
