package com.penguinmails.webhooks.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import com.penguinmails.webhooks.model.DeliveryTask;
import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Headers;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.schedule.EpochMillisHeader;

/** Reading the due time field by field gives what binding the whole value gave. */
class DueTimeTests {

    static final Instant DUE = Instant.parse("2026-11-24T10:00:07.123456Z");
    static final Instant HOP = Instant.parse("2026-11-24T10:00:05Z");

    @Test
    void readsBothTimesOfATaskOnALeg() {
        byte[] value = Json.write(task().onHopUntil(HOP));
        assertThat(DueTime.read(value)).isEqualTo(new DueTime(DUE, HOP)).isEqualTo(Json.read(value, DueTime.class));
    }

    @Test
    void aTaskOnItsLastLegHasNoHop() {
        byte[] value = Json.write(task());
        assertThat(DueTime.read(value)).isEqualTo(new DueTime(DUE, null)).isEqualTo(Json.read(value, DueTime.class));
        assertThat(DueTime.read(value).leavesTierAt()).isEqualTo(DUE);
    }

    @Test
    void readsTheTopLevelFieldsWhateverTheirOrderAndSkipsNestedOnes() {
        String value = """
                {"event":{"data":{"due_at":"2000-01-01T00:00:00Z","hop_due_at":null,"list":[{"due_at":1}]}},
                 "hop_due_at":"2026-11-24T10:00:05Z","attempt":2,"due_at":"2026-11-24T10:00:07.123456Z","extra":[1,[2]]}""";
        assertThat(DueTime.read(value.getBytes(StandardCharsets.UTF_8))).isEqualTo(new DueTime(DUE, HOP));
    }

    @Test
    void readsWhatTheMapperReadsBesidesIsoInstants() {
        String value = "{\"due_at\":\"2026-11-24T11:00:07.123456+01:00\",\"hop_due_at\":1795518005.000000000}";
        assertThat(DueTime.read(value.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(Json.read(value, DueTime.class)).extracting(DueTime::dueAt).isEqualTo(DUE);
    }

    @Test
    void aValueWithoutDueTimesReadsAsNulls() {
        assertThat(DueTime.read("{\"attempt\":2}".getBytes(StandardCharsets.UTF_8))).isEqualTo(new DueTime(null, null));
    }

    @Test
    void refusesWhatIsNotAnObject() {
        assertThatThrownBy(() -> DueTime.read("[1]".getBytes(StandardCharsets.UTF_8))).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> DueTime.read("{\"due_at\":\"2026-11-24T10:00:07Z\",".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> DueTime.read("{\"due_at\":\"tomorrow\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(RuntimeException.class);
    }

    @Test
    void prefersTheHeadersToTheValue() {
        // the scheduler moves records on by rewriting the hop header only, so the value's hop_due_at is stale
        byte[] value = Json.write(task().onHopUntil(HOP));
        RecordHeaders headers = new RecordHeaders();
        headers.add(Headers.KAFKA_DUE_AT, EpochMillisHeader.encode(DUE));
        headers.add(Headers.KAFKA_HOP_DUE_AT, EpochMillisHeader.encode(HOP.plusSeconds(1)));
        // rounded up to the millisecond: never earlier than the value's due time
        assertThat(DueTime.of(headers, value)).isEqualTo(new DueTime(Instant.parse("2026-11-24T10:00:07.124Z"), HOP.plusSeconds(1)));
    }

    @Test
    void aDueHeaderWithoutAHopHeaderIsALastLeg() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Headers.KAFKA_DUE_AT, EpochMillisHeader.encode(HOP));
        assertThat(DueTime.of(headers, new byte[0])).isEqualTo(new DueTime(HOP, null));
    }

    @Test
    void readsTheValueOfARecordWithoutHeaders() {
        byte[] value = Json.write(task().onHopUntil(HOP));
        assertThat(DueTime.of(new RecordHeaders(), value)).isEqualTo(new DueTime(DUE, HOP));
    }

    @Test
    void readsTheValueWhenAHeaderIsMalformed() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Headers.KAFKA_DUE_AT, "soon".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> DueTime.fromHeaders(headers)).isInstanceOf(IllegalArgumentException.class);
        assertThat(DueTime.of(headers, Json.write(task()))).isEqualTo(new DueTime(DUE, null));
    }

    private static DeliveryTask task() {
        EventEnvelope event = Json.read(EventType.EMAIL_OPENED.exampleJson(), EventEnvelope.class);
        return new DeliveryTask("dlv_1", "wh_1", "ws_1", event, 2, DUE);
    }
}
