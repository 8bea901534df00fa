package com.penguinmails.webhooks.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.schedule.DelayTiers;
import com.penguinmails.webhooks.model.schedule.EpochMillisHeader;

/**
 * The relay's decisions, apart from its consumer loop: whether a record read from a delay topic waits (its tier's
 * partition paused until its leg ends, or held in memory on the last-leg topic) or goes on now; where it goes (the due
 * topic once its due time has come, else the tier of its next leg, see {@link DelayTiers#hop}); and how long a poll
 * may block. Time is passed in and nothing here touches Kafka, so every rule is tested without a broker.
 */
final class RelayPlan {

    /** The shortest poll: a leg that has just ended is taken on the next round, not in a busy loop. */
    static final Duration MIN_POLL_WAIT = Duration.ofMillis(5);

    private final DelayTiers tiers;

    RelayPlan(DelayTiers tiers) {
        this.tiers = tiers;
    }

    /** True for the last-leg topic, read past its head into the hold; false for a tier, watched at its head. */
    boolean isLastLeg(String topic) {
        return topic.equals(tiers.lastLeg().topic());
    }

    /**
     * What to do at {@code now} with a record just read from {@code topic}. Its times come from its headers, or from
     * its value for a record from an older writer (see {@link DueTime}); one without a due time is passed on now.
     */
    RelayDecision onRead(String topic, Headers headers, byte[] value, Instant now) {
        DueTime due;
        try {
            due = DueTime.of(headers, value);
        } catch (RuntimeException e) {
            return new RelayDecision.Unreadable(forward(null, headers, now));
        }
        if (due.dueAt() == null) {
            return forward(null, headers, now);
        }
        if (due.leavesTierAt().isAfter(now)) {
            return isLastLeg(topic) ? new RelayDecision.Hold(due) : new RelayDecision.PauseUntil(due.leavesTierAt());
        }
        return forward(due, headers, now);
    }

    /**
     * Where a record whose leg has ended goes at {@code now}: to the due topic once its due time has come (or when it is
     * unknown, {@code due} null), without the due-time headers, which would be stale there; else on to the tier of its
     * next leg, with that leg's times in the headers.
     */
    RelayDecision.Forward forward(DueTime due, Headers headers, Instant now) {
        if (due == null || !due.dueAt().isAfter(now)) {
            return new RelayDecision.Forward(Topics.DELIVERIES_DUE, withoutTimes(headers),
                    due == null ? null : Duration.between(due.dueAt(), now));
        }
        DelayTiers.Hop hop = tiers.hop(now, due.dueAt());
        RecordHeaders next = withoutTimes(headers);
        next.add(com.penguinmails.webhooks.model.Headers.KAFKA_DUE_AT, EpochMillisHeader.encode(due.dueAt()));
        next.add(com.penguinmails.webhooks.model.Headers.KAFKA_HOP_DUE_AT, EpochMillisHeader.encode(hop.hopDueAt()));
        return new RelayDecision.Forward(hop.tier().topic(), next, null);
    }

    /**
     * How long the next poll may block: {@code maxWait}, or less when the earliest held record ({@code nextHeld}, null
     * when none) or paused partition falls due sooner; never less than {@link #MIN_POLL_WAIT}.
     */
    static Duration pollWait(Duration maxWait, Instant now, Instant nextHeld, Collection<Instant> pausedUntil) {
        Duration wait = maxWait;
        if (nextHeld != null && Duration.between(now, nextHeld).compareTo(wait) < 0) {
            wait = Duration.between(now, nextHeld);
        }
        for (Instant due : pausedUntil) {
            Duration untilDue = Duration.between(now, due);
            if (untilDue.compareTo(wait) < 0) {
                wait = untilDue;
            }
        }
        return wait.compareTo(MIN_POLL_WAIT) < 0 ? MIN_POLL_WAIT : wait;
    }

    /** The record's headers but the due-time ones. */
    private static RecordHeaders withoutTimes(Headers headers) {
        RecordHeaders copy = new RecordHeaders();
        for (Header header : headers) {
            String name = header.key();
            if (!name.equals(com.penguinmails.webhooks.model.Headers.KAFKA_DUE_AT)
                    && !name.equals(com.penguinmails.webhooks.model.Headers.KAFKA_HOP_DUE_AT)) {
                copy.add(header);
            }
        }
        return copy;
    }
}
