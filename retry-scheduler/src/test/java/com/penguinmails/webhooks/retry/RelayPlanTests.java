package com.penguinmails.webhooks.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.penguinmails.webhooks.model.Headers;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.schedule.DelayTiers;
import com.penguinmails.webhooks.model.schedule.EpochMillisHeader;

/**
 * The relay's decision for every kind of record it reads, with the time passed in and no broker: which record waits
 * (its tier paused, or held on the last-leg topic), which goes on now, where to and with which headers.
 */
class RelayPlanTests {

    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final String TIER_1M = "webhooks.retry.1m";
    static final String LAST_LEG = DelayTiers.LAST_LEG_TOPIC;
    static final byte[] NO_TIMES_IN_VALUE = "{\"delivery_id\":\"dlv_1\"}".getBytes(StandardCharsets.UTF_8);

    private final RelayPlan plan = new RelayPlan(DelayTiers.defaults());

    static Stream<Arguments> decisions() {
        return Stream.of(
                row("a tier's head whose leg has not ended pauses its partition until the leg ends",
                        TIER_1M, times(NOW.plus(Duration.ofMinutes(5)), NOW.plusSeconds(60)), NO_TIMES_IN_VALUE,
                        new RelayDecision.PauseUntil(NOW.plusSeconds(60))),
                row("a tier's head on the last leg of its wait pauses its partition until its due time",
                        TIER_1M, times(NOW.plusSeconds(30), null), NO_TIMES_IN_VALUE,
                        new RelayDecision.PauseUntil(NOW.plusSeconds(30))),
                row("a leg that ended with the due time ahead goes on to the longest tier that fits, that tier's delay from now",
                        "webhooks.retry.15m", times(NOW.plus(Duration.ofMinutes(5)).plusSeconds(7), NOW), NO_TIMES_IN_VALUE,
                        new RelayDecision.Forward("webhooks.retry.5m",
                                times(NOW.plus(Duration.ofMinutes(5)).plusSeconds(7), NOW.plus(Duration.ofMinutes(5))), null)),
                row("a remainder shorter than the shortest tier goes to the last-leg topic, due at its due time",
                        "webhooks.retry.5s", times(NOW.plusMillis(3200), NOW), NO_TIMES_IN_VALUE,
                        new RelayDecision.Forward(LAST_LEG, times(NOW.plusMillis(3200), NOW.plusMillis(3200)), null)),
                row("a record due now goes to the due topic without its due-time headers, not late",
                        TIER_1M, times(NOW, NOW), NO_TIMES_IN_VALUE,
                        new RelayDecision.Forward(Topics.DELIVERIES_DUE, new RecordHeaders(), Duration.ZERO)),
                row("a record past its due time goes to the due topic, late by the difference",
                        TIER_1M, times(NOW.minusSeconds(3), null), NO_TIMES_IN_VALUE,
                        new RelayDecision.Forward(Topics.DELIVERIES_DUE, new RecordHeaders(), Duration.ofSeconds(3))),
                row("the record's other headers go along as they are",
                        TIER_1M, with(times(NOW.minusSeconds(1), NOW), "traceparent", "00-abc-def-01"), NO_TIMES_IN_VALUE,
                        new RelayDecision.Forward(Topics.DELIVERIES_DUE, with(new RecordHeaders(), "traceparent", "00-abc-def-01"),
                                Duration.ofSeconds(1))),
                row("a last-leg record not yet due is held, and its partition is not paused",
                        LAST_LEG, times(NOW.plusMillis(300), null), NO_TIMES_IN_VALUE,
                        new RelayDecision.Hold(new DueTime(NOW.plusMillis(300), null))),
                row("a last-leg record that is due goes to the due topic",
                        LAST_LEG, times(NOW.minusMillis(20), null), NO_TIMES_IN_VALUE,
                        new RelayDecision.Forward(Topics.DELIVERIES_DUE, new RecordHeaders(), Duration.ofMillis(20))),
                row("a record without the headers, from an older writer, has its times read from its value",
                        TIER_1M, new RecordHeaders(), value(NOW.plusSeconds(90), NOW.plusSeconds(60)),
                        new RelayDecision.PauseUntil(NOW.plusSeconds(60))),
                row("a due-time header that is not epoch millis gives way to the times in the value",
                        TIER_1M, with(new RecordHeaders(), Headers.KAFKA_DUE_AT, "soon"), value(NOW.minusSeconds(2), null),
                        new RelayDecision.Forward(Topics.DELIVERIES_DUE, new RecordHeaders(), Duration.ofSeconds(2))),
                row("a value that says no due time is passed on now, to the due topic",
                        TIER_1M, new RecordHeaders(), NO_TIMES_IN_VALUE,
                        new RelayDecision.Forward(Topics.DELIVERIES_DUE, new RecordHeaders(), null)),
                row("a record whose times cannot be read at all is passed on now as unreadable",
                        TIER_1M, with(new RecordHeaders(), "traceparent", "00-abc-def-01"), ascii("not json"),
                        new RelayDecision.Unreadable(new RelayDecision.Forward(Topics.DELIVERIES_DUE,
                                with(new RecordHeaders(), "traceparent", "00-abc-def-01"), null))),
                row("an unreadable last-leg record is passed on now rather than held",
                        LAST_LEG, new RecordHeaders(), ascii("[1, 2]"),
                        new RelayDecision.Unreadable(new RelayDecision.Forward(Topics.DELIVERIES_DUE, new RecordHeaders(), null))),
                row("a tombstone on a delay topic is passed on now as unreadable",
                        TIER_1M, new RecordHeaders(), null,
                        new RelayDecision.Unreadable(new RelayDecision.Forward(Topics.DELIVERIES_DUE, new RecordHeaders(), null))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decidesWhatARecordReadFromADelayTopicDoes(String behaviour, String topic, RecordHeaders headers, byte[] value,
                                                  RelayDecision expected) {
        assertThat(plan.onRead(topic, headers, value, NOW)).isEqualTo(expected);
    }

    @Test
    void aHeldRecordReleasedAfterItsDueTimeGoesToTheDueTopicLateByTheTimeSince() {
        DueTime held = new DueTime(NOW.minusMillis(250), null);
        RelayDecision.Forward forward = plan.forward(held, times(held.dueAt(), null), NOW);
        assertThat(forward).isEqualTo(new RelayDecision.Forward(Topics.DELIVERIES_DUE, new RecordHeaders(), Duration.ofMillis(250)));
        assertThat(forward.toDueTopic()).isTrue();
        assertThat(plan.forward(new DueTime(NOW.plusSeconds(20), NOW), times(NOW.plusSeconds(20), NOW), NOW).toDueTopic()).isFalse();
    }

    @Test
    void theLastLegTopicIsReadIntoTheHoldAndTheTiersAtTheirHead() {
        assertThat(plan.isLastLeg(LAST_LEG)).isTrue();
        assertThat(DelayTiers.defaults().tiers()).noneMatch(tier -> plan.isLastLeg(tier.topic()));
    }

    static Stream<Arguments> pollWaits() {
        Duration max = Duration.ofSeconds(1);
        return Stream.of(
                Arguments.of("nothing waiting: the longest poll", null, List.of(), max),
                Arguments.of("nothing due within the longest poll", NOW.plusSeconds(5), List.of(NOW.plusSeconds(3)), max),
                Arguments.of("a held record due sooner", NOW.plusMillis(300), List.of(NOW.plusSeconds(3)), Duration.ofMillis(300)),
                Arguments.of("a paused partition due sooner", NOW.plusMillis(800), List.of(NOW.plusSeconds(3), NOW.plusMillis(120)),
                        Duration.ofMillis(120)),
                Arguments.of("a leg already ended: the shortest poll, not a busy loop", NOW.minusMillis(40), List.of(),
                        RelayPlan.MIN_POLL_WAIT),
                Arguments.of("a leg ending within the shortest poll", null, List.of(NOW.plusMillis(2)), RelayPlan.MIN_POLL_WAIT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pollWaits")
    void pollsNoLongerThanUntilTheNextRecordFallsDue(String behaviour, Instant nextHeld, List<Instant> pausedUntil, Duration expected) {
        assertThat(RelayPlan.pollWait(Duration.ofSeconds(1), NOW, nextHeld, pausedUntil)).isEqualTo(expected);
    }

    private static Arguments row(String behaviour, String topic, RecordHeaders headers, byte[] value, RelayDecision expected) {
        return Arguments.of(behaviour, topic, headers, value, expected);
    }

    /** The due-time headers as the dispatcher and the scheduler write them; {@code hop} null for a last leg. */
    private static RecordHeaders times(Instant due, Instant hop) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Headers.KAFKA_DUE_AT, EpochMillisHeader.encode(due));
        if (hop != null) {
            headers.add(Headers.KAFKA_HOP_DUE_AT, EpochMillisHeader.encode(hop));
        }
        return headers;
    }

    private static RecordHeaders with(RecordHeaders headers, String name, String value) {
        headers.add(name, ascii(value));
        return headers;
    }

    /** A task's value with its times, as written before the headers existed. */
    private static byte[] value(Instant due, Instant hop) {
        return ascii("{\"delivery_id\":\"dlv_1\",\"due_at\":\"" + due + "\"" + (hop == null ? "" : ",\"hop_due_at\":\"" + hop + "\"") + "}");
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
