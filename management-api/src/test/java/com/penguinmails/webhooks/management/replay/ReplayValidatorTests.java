package com.penguinmails.webhooks.management.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.penguinmails.webhooks.management.ManagementProperties;
import com.penguinmails.webhooks.management.problem.ApiException;
import com.penguinmails.webhooks.management.problem.FieldError;
import com.penguinmails.webhooks.model.signing.SecretCipher;

class ReplayValidatorTests {

    private static final Instant NOW = Instant.parse("2026-11-25T16:30:00Z");
    private final ReplayValidator validator = new ReplayValidator(new ManagementProperties(SecretCipher.generateKey(), false,
            Duration.ofMillis(200), new ManagementProperties.Bootstrap(null, "x", null, "standard", null, null),
            new ManagementProperties.RateLimit(50, 100), Duration.ofDays(30), 3, Duration.ofHours(1),
            new ManagementProperties.Replay(1000, 500, Duration.ofMillis(200)), java.util.List.of(), "webhooks@penguinmails.local"),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void acceptsARangeWithOffsetsAndDefaultsToEveryTypeAtTheConfiguredPace() {
        ReplayValidator.ValidReplay valid = validator.validate(new ReplayRequest("2026-11-20T16:00:00+02:00", "2026-11-25T16:00:00Z", null, null));

        assertThat(valid.from()).isEqualTo(Instant.parse("2026-11-20T14:00:00Z"));
        assertThat(valid.to()).isEqualTo(Instant.parse("2026-11-25T16:00:00Z"));
        assertThat(valid.eventTypes()).isNull();
        assertThat(valid.eventsPerSecond()).isEqualTo(1000);
    }

    @Test
    void takesAnEndAfterNowAsNow() {
        assertThat(validator.validate(new ReplayRequest("2026-11-25T10:00:00Z", "2026-11-26T00:00:00Z", null, 5)).to()).isEqualTo(NOW);
    }

    @Test
    void keepsTypesAndCategoriesOnceEach() {
        assertThat(validator.validate(new ReplayRequest("2026-11-25T10:00:00Z", "2026-11-25T11:00:00Z",
                List.of("email.opened", "campaign.*", "email.opened"), null)).eventTypes()).containsExactly("email.opened", "campaign.*");
    }

    @Test
    void refusesMissingAndMalformedTimesEachWithItsField() {
        assertThat(errors(new ReplayRequest(null, "yesterday", null, null))).containsExactly(
                new FieldError("from", "from is required: an ISO-8601 time with an offset, such as 2026-11-24T10:00:00Z."),
                new FieldError("to", "to must be an ISO-8601 time with an offset, such as 2026-11-24T10:00:00Z."));
        assertThat(errors(new ReplayRequest("2026-11-25T10:00:00", "2026-11-25T11:00:00Z", null, null)))
                .extracting(FieldError::field).containsExactly("from");
    }

    @Test
    void refusesAnEndNotAfterTheStart() {
        assertThat(errors(new ReplayRequest("2026-11-25T10:00:00Z", "2026-11-25T10:00:00Z", null, null)))
                .containsExactly(new FieldError("to", "to must be later than from."));
    }

    @Test
    void refusesARangeLongerThanTheRetention() {
        assertThat(errors(new ReplayRequest("2026-10-01T00:00:00Z", "2026-11-01T00:00:00Z", null, null))).containsExactly(
                new FieldError("to", "The range may span at most 30 days (the event store keeps events that long); replay a longer stretch in several parts."));
    }

    @Test
    void refusesAStartInTheFuture() {
        assertThat(errors(new ReplayRequest("2026-11-26T00:00:00Z", "2026-11-27T00:00:00Z", null, null)))
                .extracting(FieldError::field).containsExactly("from");
    }

    @Test
    void refusesUnknownTypesByIndexAndAnEmptyList() {
        assertThat(errors(new ReplayRequest("2026-11-25T10:00:00Z", "2026-11-25T11:00:00Z", List.of("email.opened", "email.read"), null)))
                .extracting(FieldError::field).containsExactly("event_types[1]");
        assertThat(errors(new ReplayRequest("2026-11-25T10:00:00Z", "2026-11-25T11:00:00Z", List.of(), null)))
                .extracting(FieldError::field).containsExactly("event_types");
    }

    @Test
    void refusesAPaceOutsideOneToTheConfiguredOne() {
        assertThat(errors(new ReplayRequest("2026-11-25T10:00:00Z", "2026-11-25T11:00:00Z", null, 1001)))
                .containsExactly(new FieldError("events_per_second", "events_per_second must be between 1 and 1000."));
        assertThat(errors(new ReplayRequest("2026-11-25T10:00:00Z", "2026-11-25T11:00:00Z", null, 0)))
                .extracting(FieldError::field).containsExactly("events_per_second");
    }

    private List<FieldError> errors(ReplayRequest request) {
        return catchThrowableOfType(ApiException.class, () -> validator.validate(request)).errors();
    }
}
