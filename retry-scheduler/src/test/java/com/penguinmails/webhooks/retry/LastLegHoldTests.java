package com.penguinmails.webhooks.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** The last-leg topic's look-ahead, with time passed in: what leaves when, and which offsets may be committed. */
class LastLegHoldTests {

    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final TopicPartition P0 = new TopicPartition("webhooks.retry.last", 0);
    static final TopicPartition P1 = new TopicPartition("webhooks.retry.last", 1);

    private final LastLegHold hold = new LastLegHold(3);

    @Test
    void releasesAShortLastLegBeforeALongerOneWrittenAheadOfIt() {
        // a last leg of 1 s at offset 0, then one of 300 ms written 100 ms later at offset 1
        readAndHold(P0, 0, NOW.plusMillis(1000));
        readAndHold(P0, 1, NOW.plusMillis(400));

        assertThat(hold.nextLegEnd()).isEqualTo(NOW.plusMillis(400));
        assertThat(hold.release(NOW.plusMillis(399))).isEmpty();
        assertThat(hold.release(NOW.plusMillis(400))).extracting(LastLegHold.Held::offset).containsExactly(1L);
        assertThat(hold.release(NOW.plusMillis(999))).isEmpty();
        assertThat(hold.release(NOW.plusMillis(1000))).extracting(LastLegHold.Held::offset).containsExactly(0L);
        assertThat(hold.nextLegEnd()).isNull();
    }

    @Test
    void releasesEverythingDueAtOnceEarliestFirst() {
        readAndHold(P0, 0, NOW.plusMillis(900));
        readAndHold(P1, 0, NOW.plusMillis(100));
        readAndHold(P0, 1, NOW.plusMillis(500));
        assertThat(hold.release(NOW.plusSeconds(5))).extracting(held -> held.due().leavesTierAt())
                .containsExactly(NOW.plusMillis(100), NOW.plusMillis(500), NOW.plusMillis(900));
    }

    @Test
    void commitsOnlyTheContiguousPrefixOfAcknowledgedRecords() {
        readAndHold(P0, 10, NOW.plusMillis(1000));
        readAndHold(P0, 11, NOW.plusMillis(300));
        readAndHold(P0, 12, NOW.plusMillis(200));
        assertThat(hold.commits()).containsExactly(Map.entry(P0, new OffsetAndMetadata(10)));

        List<LastLegHold.Held> released = hold.release(NOW.plusMillis(300));
        assertThat(released).extracting(LastLegHold.Held::offset).containsExactly(12L, 11L);
        // released but not yet acknowledged by the broker: nothing to commit
        assertThat(hold.commits()).isEmpty();
        released.forEach(held -> hold.acknowledged(held.partition(), held.offset()));
        // 10 is still held: 11 and 12 cannot be committed past it
        assertThat(hold.commits()).isEmpty();

        LastLegHold.Held last = hold.release(NOW.plusMillis(1000)).getFirst();
        hold.acknowledged(last.partition(), last.offset());
        assertThat(hold.commits()).containsExactly(Map.entry(P0, new OffsetAndMetadata(13)));
        assertThat(hold.commits()).isEmpty();
    }

    @Test
    void aRecordPassedOnAtOnceIsCommittedOnceAcknowledged() {
        hold.read(P1, 4);
        assertThat(hold.commits()).containsExactly(Map.entry(P1, new OffsetAndMetadata(4)));
        hold.acknowledged(P1, 4);
        assertThat(hold.commits()).containsExactly(Map.entry(P1, new OffsetAndMetadata(5)));
    }

    @Test
    void isFullAtItsBoundAndHasRoomAgainWhenRecordsLeave() {
        readAndHold(P0, 0, NOW.plusMillis(100));
        readAndHold(P0, 1, NOW.plusMillis(200));
        assertThat(hold.full()).isFalse();
        readAndHold(P1, 0, NOW.plusMillis(300));
        assertThat(hold.full()).isTrue();
        assertThat(hold.size()).isEqualTo(3);
        hold.release(NOW.plusMillis(100));
        assertThat(hold.full()).isFalse();
    }

    @Test
    void forgetsTheRecordsOfARevokedPartition() {
        readAndHold(P0, 0, NOW.plusMillis(100));
        readAndHold(P1, 7, NOW.plusMillis(200));
        hold.commits();
        hold.forget(List.of(P0));
        assertThat(hold.size()).isEqualTo(1);
        assertThat(hold.release(NOW.plusSeconds(1))).extracting(LastLegHold.Held::partition).containsExactly(P1);
        hold.acknowledged(P1, 7);
        assertThat(hold.commits()).containsExactly(Map.entry(P1, new OffsetAndMetadata(8)));
    }

    @Test
    void needsRoomForARecord() {
        assertThatThrownBy(() -> new LastLegHold(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private void readAndHold(TopicPartition partition, long offset, Instant legEnds) {
        hold.read(partition, offset);
        hold.hold(new LastLegHold.Held(partition, offset, "wh_1", new byte[0], new RecordHeaders(),
                new DueTime(NOW.plusSeconds(10), legEnds)));
    }
}
