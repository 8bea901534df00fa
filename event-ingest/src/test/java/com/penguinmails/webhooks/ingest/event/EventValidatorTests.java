package com.penguinmails.webhooks.ingest.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;

import com.penguinmails.webhooks.ingest.IngestProperties;
import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.EventType;

class EventValidatorTests {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private final EventValidator validator = new EventValidator(
            new IngestProperties(3, DataSize.ofMegabytes(1), Duration.ofSeconds(5)), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void acceptsEverySpecExampleAsItIs() {
        for (EventType type : EventType.values()) {
            EventEnvelope event = validator.validate(bytes(type.exampleJson())).getFirst();
            assertThat(event.type()).isEqualTo(type.typeName());
            assertThat(event.id()).startsWith("evt_");
        }
    }

    @Test
    void assignsAnIdAndTheCurrentTimeWhenMissing() {
        EventEnvelope event = validator.validate(bytes("{\"type\":\"email.opened\",\"data\":{\"a\":1}}")).getFirst();
        assertThat(event.id()).startsWith("evt_").hasSize(30);
        assertThat(event.createdAt()).isEqualTo(NOW);
        assertThat(event.data().get("a").asInt()).isEqualTo(1);
    }

    @Test
    void keepsAGivenOffsetTimestampAsAnInstant() {
        EventEnvelope event = validator.validate(bytes(
                "{\"type\":\"email.opened\",\"created_at\":\"2025-11-25T15:30:00+01:00\",\"data\":{}}")).getFirst();
        assertThat(event.createdAt()).isEqualTo(Instant.parse("2025-11-25T14:30:00Z"));
    }

    @Test
    void refusesTheWholeBatchListingEveryBadEvent() {
        assertThatThrownBy(() -> validator.validate(bytes("[{\"type\":\"email.opened\",\"data\":{}},{\"type\":1,\"data\":{}},{}]")))
                .isInstanceOfSatisfying(InvalidEventsException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("[1].type", "[2].type", "[2].data");
                });
    }

    @Test
    void refusesEmptyNullAndOversizedBatches() {
        assertThatThrownBy(() -> validator.validate(bytes("[]"))).hasMessageContaining("refused");
        assertThatThrownBy(() -> validator.validate(bytes("null"))).isInstanceOf(InvalidEventsException.class);
        assertThatThrownBy(() -> validator.validate(new byte[0])).isInstanceOf(InvalidEventsException.class);
        String four = "[" + String.join(",", List.of("{}", "{}", "{}", "{}")) + "]";
        assertThatThrownBy(() -> validator.validate(bytes(four)))
                .isInstanceOfSatisfying(InvalidEventsException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
    }

    @Test
    void refusesIdsThatAreNotEventIds() {
        assertThatThrownBy(() -> validator.validate(bytes("{\"id\":\"wh_1\",\"type\":\"email.opened\",\"data\":{}}")))
                .isInstanceOfSatisfying(InvalidEventsException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("id"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
