package com.penguinmails.webhooks.management.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FieldErrorTests {

    /** The body of POST /api/v1/platform/webhooks, as Jackson lists its properties. */
    private static final List<String> WEBHOOK = List.of("name", "description", "url", "events", "status", "timeout_seconds",
            "max_retries", "retries_enabled", "filters", "headers");
    private static final List<String> REPLAY = List.of("from", "to", "event_types", "events_per_second");
    private static final List<String> FILTERS = List.of("workspaces", "campaign_ids", "contact_tags", "payload");

    @Test
    void namesAMisspeltFieldAndTheFieldItWasMeantToBeInTheIssuesWords() {
        assertThat(FieldError.unknownField("filter", "filter", WEBHOOK))
                .isEqualTo(new FieldError("filter", "\"filter\" is not a field; did you mean \"filters\"?"));
    }

    @Test
    void suggestsNothingWhenNoKnownFieldIsClose() {
        assertThat(FieldError.unknownField("zzqx", "zzqx", WEBHOOK)).isEqualTo(new FieldError("zzqx", "\"zzqx\" is not a field"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "evnts, events",
            "event, events",
            "timeout, timeout_seconds",
            "timeoutSeconds, timeout_seconds",
            "Timeout-Seconds, timeout_seconds",
            "timout_seconds, timeout_seconds",
            "maxRetries, max_retries",
            "Name, name",
            "nmae, name",
            "descripton, description",
            "header, headers",
            "retry_enabled, retries_enabled"})
    void suggestsTheNearestWebhookField(String misspelt, String meant) {
        assertThat(FieldError.unknownField(misspelt, misspelt, WEBHOOK).reason())
                .isEqualTo("\"" + misspelt + "\" is not a field; did you mean \"" + meant + "\"?");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"events, event_types", "event_type, event_types", "too, to", "form, from", "eventsPerSecond, events_per_second"})
    void suggestsTheNearestReplayField(String misspelt, String meant) {
        assertThat(FieldError.unknownField(misspelt, misspelt, REPLAY).reason()).endsWith("did you mean \"" + meant + "\"?");
    }

    @Test
    void suggestsTheNearestNameOfANestedObjectUnderItsPath() {
        assertThat(FieldError.unknownField("filters.campain_id", "campain_id", FILTERS))
                .isEqualTo(new FieldError("filters.campain_id", "\"campain_id\" is not a field; did you mean \"campaign_ids\"?"));
    }

    /** Fields of other APIs, or of nothing, that resemble no field of this one closely enough to be a slip. */
    @ParameterizedTest
    @CsvSource({"secret", "active", "id", "x", "type", "callback_url", "webhook_url", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void makesNoFarFetchedSuggestion(String unknown) {
        assertThat(FieldError.unknownField(unknown, unknown, WEBHOOK).reason()).isEqualTo("\"" + unknown + "\" is not a field");
    }
}
