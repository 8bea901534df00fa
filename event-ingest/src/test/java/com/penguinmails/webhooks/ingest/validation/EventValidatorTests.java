package com.penguinmails.webhooks.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

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
import com.penguinmails.webhooks.ingest.RejectCode;
import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Ids;
import com.penguinmails.webhooks.model.Json;

class EventValidatorTests {

    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final SchemaCatalog SCHEMAS = new SchemaCatalog();

    private final EventValidator validator = validator(3);

    static EventValidator validator(int maxBatch) {
        return new EventValidator(new IngestProperties(maxBatch, DataSize.ofMegabytes(1), Duration.ofSeconds(5), 1000, Duration.ofHours(24)),
                SCHEMAS, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void acceptsEverySpecExampleAsItIs() {
        for (EventType type : EventType.values()) {
            Validation result = validator.validateRecord(bytes(type.exampleJson()));
            assertThat(result).as(type.typeName()).isInstanceOf(Validation.Valid.class);
            assertThat(((Validation.Valid) result).event().type()).isEqualTo(type.typeName());
        }
    }

    @Test
    void assignsTheGivenIdAndTheCurrentTimeWhenMissingAndKeepsUnknownFields() {
        EventEnvelope event = validator.validateRequest(bytes("{\"type\":\"email.sending\",\"data\":{\"email_id\":\"m\",\"extra\":{\"a\":1}}}"),
                index -> "evt_given_" + index).getFirst();
        assertThat(event.id()).isEqualTo("evt_given_0");
        assertThat(event.createdAt()).isEqualTo(NOW);
        assertThat(event.data().get("extra").get("a").asInt()).isEqualTo(1);
    }

    @Test
    void keepsAGivenOffsetTimestampAsAnInstant() {
        EventEnvelope event = validator.validateRequest(bytes(
                "{\"type\":\"email.sending\",\"created_at\":\"2025-11-25T15:30:00+01:00\",\"data\":{\"email_id\":\"m\"}}"), i -> Ids.newEventId()).getFirst();
        assertThat(event.createdAt()).isEqualTo(Instant.parse("2025-11-25T14:30:00Z"));
    }

    @Test
    void refusesNumbersBeyondADoubleNamingTheField() {
        // 1e999999 parses as infinity, which neither JSON nor the event store's jsonb can hold (the fuzz found a 500)
        Validation result = validator.validateRecord(bytes("{\"type\":\"email.sending\",\"data\":{\"email_id\":\"m\",\"n\":{\"v\":[1,-1e999999]}}}"));
        assertThat(result).isInstanceOf(Validation.Invalid.class);
        FieldError error = ((Validation.Invalid) result).errors().getFirst();
        assertThat(error.field()).isEqualTo("data.n.v[1]");
        assertThat(error.reason()).contains("too large");
    }

    @Test
    void refusesNumbersADoubleWouldChangeNamingTheFieldAndAdvisingAString() {
        // receivers get numbers as JSON.stringify writes them (CanonicalJson): what would arrive changed is refused instead
        assertThatThrownBy(() -> validator.validateRequest(bytes("[{\"type\":\"email.sending\",\"data\":{\"email_id\":\"m\"}},"
                + "{\"type\":\"email.sending\",\"data\":{\"email_id\":\"m\",\"order\":{\"id\":9007199254740993},"
                + "\"price\":[1,0.1000000000000000000001]}}]"), i -> Ids.newEventId()))
                .isInstanceOfSatisfying(InvalidEventsException.class, e -> {
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("[1].data.order.id", "[1].data.price[1]");
                    assertThat(e.errors()).extracting(FieldError::code).containsOnly("invalid_field");
                    assertThat(e.errors().get(0).reason()).contains("safe range", "Send it as a string");
                    assertThat(e.errors().get(1).reason()).contains("more digits than a double holds", "0.1", "Send it as a string");
                });
        Validation record = validator.validateRecord(bytes("{\"type\":\"email.sending\",\"data\":{\"email_id\":\"m\",\"n\":-1e-400}}"));
        assertThat(((Validation.Invalid) record).errors()).extracting(FieldError::field).containsExactly("data.n");
    }

    @Test
    void acceptsOddNumberFormsWhoseValueADoubleKeeps() {
        Validation result = validator.validateRecord(bytes("{\"type\":\"campaign.launched\",\"data\":{\"campaign_id\":\"camp_1\","
                + "\"name\":\"n\",\"audience_size\":1E2,\"a\":1.5e4,\"b\":14500.0,\"c\":0.30,\"d\":-0,\"e\":1e21,\"f\":9007199254740991}}"));
        assertThat(result).isInstanceOf(Validation.Valid.class);
        assertThat(com.penguinmails.webhooks.model.canonical.CanonicalJson.writeString(((Validation.Valid) result).event().data()))
                .isEqualTo("{\"campaign_id\":\"camp_1\",\"name\":\"n\",\"audience_size\":100,\"a\":15000,\"b\":14500,\"c\":0.3,\"d\":0,"
                        + "\"e\":1e+21,\"f\":9007199254740991}");
    }

    @Test
    void refusesAKeyGivenTwiceInOneObjectNamingIt() {
        // JSON.parse keeps the last value, other readers the first: receivers could disagree on what the event says
        Validation nested = validator.validateRecord(bytes(
                "{\"type\":\"email.sending\",\"data\":{\"email_id\":\"m\",\"contact\":{\"email\":\"a@x.com\",\"email\":\"b@x.com\"}}}"));
        FieldError error = ((Validation.Invalid) nested).errors().getFirst();
        assertThat(error.field()).isEqualTo("data.contact.email");
        assertThat(error.reason()).contains("appears twice", "Send each key once");
        assertThat(error.code()).isEqualTo("invalid_field");
        assertThat(((Validation.Invalid) validator.validateRecord(bytes("{\"type\":\"email.sending\",\"type\":\"email.sent\",\"data\":{}}")))
                .errors().getFirst().field()).isEqualTo("type");
        assertThatThrownBy(() -> validator.validateRequest(bytes("[{\"type\":\"email.sending\",\"data\":{\"email_id\":\"m\"}},"
                + "{\"type\":\"email.sending\",\"data\":{\"email_id\":\"m\",\"tags\":[{\"k\":1,\"k\":2}]}}]"), i -> Ids.newEventId()))
                .isInstanceOfSatisfying(InvalidEventsException.class, e ->
                        assertThat(e.errors()).extracting(FieldError::field).containsExactly("[1].data.tags[0].k"));
        // the same key in two objects is no repetition
        assertThat(validator.validateRecord(bytes("{\"type\":\"email.sending\",\"data\":{\"email_id\":\"m\",\"a\":{\"k\":1},\"b\":{\"k\":1}}}")))
                .isInstanceOf(Validation.Valid.class);
    }

    @Test
    void refusesTextPostgresCannotStoreNULAndUnpairedSurrogates() {
        for (String text : List.of("a\\u0000b", "\\ud800", "x\\udfff", "\\ud83d")) {
            Validation result = validator.validateRecord(bytes("{\"type\":\"email.sending\",\"data\":{\"email_id\":\"" + text + "\"}}"));
            assertThat(result).as(text).isInstanceOf(Validation.Invalid.class);
            assertThat(((Validation.Invalid) result).errors().getFirst().field()).as(text).isEqualTo("data.email_id");
        }
        // a NUL in a field name too
        assertThat(validator.validateRecord(bytes("{\"type\":\"email.sending\",\"data\":{\"email_id\":\"m\",\"a\\u0000\":1}}")))
                .isInstanceOf(Validation.Invalid.class);
        // a paired surrogate (an emoji, escaped or not) is fine
        assertThat(validator.validateRecord(bytes("{\"type\":\"email.sending\",\"data\":{\"email_id\":\"\\ud83d\\ude00 😀\"}}")))
                .isInstanceOf(Validation.Valid.class);
    }

    @Test
    void refusesTheWholeBatchListingEveryBadEventByIndex() {
        assertThatThrownBy(() -> validator.validateRequest(bytes("[{\"type\":\"email.sending\",\"data\":{\"email_id\":\"m\"}},"
                + "{\"type\":1,\"data\":{}},{}]"), i -> Ids.newEventId()))
                .isInstanceOfSatisfying(InvalidEventsException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST);
                    assertThat(e.errors()).extracting(FieldError::field).containsExactly("[1].type", "[2].type", "[2].data");
                });
    }

    @Test
    void checksDataAgainstTheTypesSchema() {
        Validation result = validator.validateRecord(bytes("{\"type\":\"email.bounced\",\"data\":{\"email_id\":\"m\",\"bounce_type\":\"sideways\"}}"));
        assertThat(result).isInstanceOfSatisfying(Validation.Invalid.class, invalid -> {
            assertThat(invalid.code()).isEqualTo(RejectCode.SCHEMA_VIOLATION);
            assertThat(invalid.errors()).extracting(FieldError::field).allMatch(f -> f.startsWith("data"));
            assertThat(invalid.summary()).contains("bounce_type");
        });
    }

    @Test
    void acceptsSpec003sTransactionalShapeForEveryTypeItNamesAndKeepsTheDataAsSent() {
        for (EventType type : EventType.values()) {
            type.transactionalExampleJson().ifPresent(example -> {
                Validation result = validator.validateRecord(bytes(example));
                assertThat(result).as(type.typeName()).isInstanceOf(Validation.Valid.class);
                EventEnvelope event = ((Validation.Valid) result).event();
                assertThat(event.type()).isEqualTo(type.typeName());
                assertThat(event.data()).isEqualTo(Json.mapper().readTree(example).get("data"));
                assertThat(event.data().has("contact")).isFalse();
            });
        }
    }

    @Test
    void refusesAnEventWithNeitherShapeNamingBothFieldsInOneError() {
        for (String type : List.of("email.sent", "email.delivered", "email.opened", "email.spam_reported")) {
            Validation result = validator.validateRecord(bytes("{\"type\":\"" + type + "\",\"data\":{\"email_id\":\"msg_abc123\","
                    + "\"from\":\"sender@yourdomain.com\",\"subject\":\"Hello\"}}"));
            assertThat(result).as(type).isInstanceOfSatisfying(Validation.Invalid.class, invalid -> {
                assertThat(invalid.errors()).extracting(FieldError::field, FieldError::reason, FieldError::rejectCode)
                        .containsExactly(tuple("data", "one of contact or to is required", RejectCode.SCHEMA_VIOLATION));
                assertThat(invalid.summary()).isEqualTo("data: one of contact or to is required");
            });
        }
        // with the type's own required fields missing too, each is named beside the recipient
        assertThatThrownBy(() -> validator.validateRequest(bytes("[{\"type\":\"email.delivered\",\"data\":{\"email_id\":\"m\",\"to\":\"a@example.com\"}},"
                + "{\"type\":\"email.bounced\",\"data\":{\"email_id\":\"m\"}}]"), i -> Ids.newEventId()))
                .isInstanceOfSatisfying(InvalidEventsException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field, FieldError::reason).containsExactlyInAnyOrder(
                                tuple("[1].data", "one of contact or to is required"),
                                tuple("[1].data.bounce_type", "required property 'bounce_type' not found")));
    }

    @Test
    void keepsTheMarketingShapesRulesAndNamesNestedFieldsWithDots() {
        // spec 002's e-mail.sent without its campaign: refused as before
        assertThat(validator.validateRecord(bytes("{\"type\":\"email.sent\",\"data\":{\"email_id\":\"m\",\"contact\":{\"email\":\"u@example.com\"}}}")))
                .isInstanceOfSatisfying(Validation.Invalid.class, invalid -> assertThat(invalid.errors())
                        .extracting(FieldError::field).containsExactly("data.campaign_id"));
        // a contact without its address
        assertThat(validator.validateRecord(bytes("{\"type\":\"email.opened\",\"data\":{\"email_id\":\"m\",\"contact\":{\"id\":\"c\"}}}")))
                .isInstanceOfSatisfying(Validation.Invalid.class, invalid -> assertThat(invalid.errors())
                        .extracting(FieldError::field).containsExactly("data.contact.email"));
        // a recipient that is not a string
        assertThat(validator.validateRecord(bytes("{\"type\":\"email.clicked\",\"data\":{\"email_id\":\"m\",\"url\":\"https://x.example\",\"to\":[\"a@example.com\"]}}")))
                .isInstanceOfSatisfying(Validation.Invalid.class, invalid -> assertThat(invalid.errors())
                        .extracting(FieldError::field).containsExactly("data.to"));
    }

    @Test
    void refusesEmptyNullAndOversizedBatches() {
        assertThatThrownBy(() -> validator.validateRequest(bytes("[]"), i -> "evt_x")).hasMessageContaining("refused");
        assertThatThrownBy(() -> validator.validateRequest(bytes("null"), i -> "evt_x")).isInstanceOf(InvalidEventsException.class);
        assertThatThrownBy(() -> validator.validateRequest(new byte[0], i -> "evt_x")).isInstanceOf(InvalidEventsException.class);
        String four = "[" + String.join(",", List.of("{}", "{}", "{}", "{}")) + "]";
        assertThatThrownBy(() -> validator.validateRequest(bytes(four), i -> "evt_x"))
                .isInstanceOfSatisfying(InvalidEventsException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.CONTENT_TOO_LARGE));
    }

    @Test
    void refusesIdsThatAreNotEventIds() {
        assertThat(validator.validateRecord(bytes("{\"id\":\"wh_1\",\"type\":\"email.sending\",\"data\":{\"email_id\":\"m\"}}")))
                .isInstanceOfSatisfying(Validation.Invalid.class, e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("id"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
