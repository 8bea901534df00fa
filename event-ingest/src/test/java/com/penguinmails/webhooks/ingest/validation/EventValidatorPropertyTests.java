package com.penguinmails.webhooks.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import com.penguinmails.webhooks.model.EventType;

/**
 * Random and mutated envelopes thrown at the validator: it never lets an exception escape, and every refusal carries
 * at least one reason with a field and a code.
 */
class EventValidatorPropertyTests {

    private final EventValidator validator = EventValidatorTests.validator(500);

    @Property(tries = 500)
    void randomBytesNeverEscapeAsExceptions(@ForAll byte[] bytes) {
        assertVerdict(validator.validateRecord(bytes));
    }

    @Property(tries = 500)
    void randomTextNeverEscapesAsExceptions(@ForAll String text) {
        assertVerdict(validator.validateRecord(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Property(tries = 1000)
    void mutatedExamplesGetAVerdictWithReasons(@ForAll("mutatedExamples") String json) {
        assertVerdict(validator.validateRecord(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Property(tries = 300)
    void mutatedBatchesAreAcceptedOrRefusedWithReasons(@ForAll("mutatedExamples") String a, @ForAll("mutatedExamples") String b) {
        byte[] body = ("[" + a + "," + b + "]").getBytes(StandardCharsets.UTF_8);
        try {
            assertThat(validator.validateRequest(body, i -> "evt_p" + i)).hasSize(2);
        } catch (InvalidEventsException e) {
            assertThat(e.errors()).isNotEmpty().allSatisfy(error -> {
                assertThat(error.field()).isNotBlank();
                assertThat(error.reason()).isNotBlank();
                assertThat(error.rejectCode()).isNotNull();
            });
        }
    }

    /** Spec examples with one edit: a character dropped, replaced or inserted, or a field's value swapped. */
    @Provide
    Arbitrary<String> mutatedExamples() {
        Arbitrary<String> examples = Arbitraries.of(EventType.values()).map(EventType::exampleJson).map(String::strip);
        Arbitrary<String> valueSwaps = Combinators.combine(examples,
                Arbitraries.of("\"type\"", "\"data\"", "\"id\"", "\"created_at\"", "\"email_id\"", "\"campaign_id\"", "\"url\""),
                Arbitraries.of("null", "1", "\"\"", "[]", "{}", "\"evt_x\"", "\"email.nope\"", "true"))
                .as((json, field, value) -> json.replaceFirst(java.util.regex.Pattern.quote(field) + "\\s*:\\s*(\"[^\"]*\"|[^,}\\]]+)",
                        java.util.regex.Matcher.quoteReplacement(field + ":" + value)));
        Arbitrary<String> characterEdits = Combinators.combine(examples, Arbitraries.integers().between(0, 10_000),
                Arbitraries.of('{', '}', '"', ',', ':', 'x', '1', '[', ']', ' ', '\\'), Arbitraries.integers().between(0, 2))
                .as((json, position, character, edit) -> {
                    int at = position % json.length();
                    return switch (edit) {
                        case 0 -> json.substring(0, at) + json.substring(at + 1);
                        case 1 -> json.substring(0, at) + character + json.substring(at + 1);
                        default -> json.substring(0, at) + character + json.substring(at);
                    };
                });
        return Arbitraries.oneOf(examples, valueSwaps, characterEdits);
    }

    private static void assertVerdict(Validation verdict) {
        assertThat(verdict).isNotNull();
        if (verdict instanceof Validation.Invalid invalid) {
            assertThat(invalid.errors()).isNotEmpty().allSatisfy(error -> {
                assertThat(error.field()).isNotBlank();
                assertThat(error.reason()).isNotBlank();
                assertThat(error.rejectCode()).isNotNull();
            });
        } else {
            assertThat(((Validation.Valid) verdict).event().id()).startsWith("evt_");
        }
    }
}
