package com.penguinmails.webhooks.retry;

import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.common.header.internals.RecordHeaders;

import com.penguinmails.webhooks.model.Topics;

/**
 * What the relay does with one record read from a delay topic, as {@link RelayPlan} decides it from the record's times
 * and the clock; {@link DelayTopicRelay} applies it to its consumer and producer.
 */
sealed interface RelayDecision {

    /**
     * A tier's head whose leg has not ended: rewind the partition to it and pause the partition until {@code until}.
     * The records behind it wait too: a tier's partition is in due order.
     */
    record PauseUntil(Instant until) implements RelayDecision {
    }

    /** A last-leg record not yet due: keep it in the {@link LastLegHold} until its leg ends, and read on past it. */
    record Hold(DueTime due) implements RelayDecision {
    }

    /**
     * Pass the record on now, key and value as they are, to {@code topic} with {@code headers}.
     *
     * @param lateness how long after its due time it goes to the due topic; null on the way to a next tier, or when
     *                 its due time is unknown
     */
    record Forward(String topic, RecordHeaders headers, Duration lateness) implements RelayDecision {

        boolean toDueTopic() {
            return topic.equals(Topics.DELIVERIES_DUE);
        }
    }

    /**
     * A record whose due time cannot be read, passed on to the due topic now as {@code forward} says: better an early
     * retry than a lost delivery (the dispatcher's due listener parks it if it cannot read it either).
     */
    record Unreadable(Forward forward) implements RelayDecision {
    }
}
