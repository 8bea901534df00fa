package com.penguinmails.webhooks.model.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class NumberFidelityTests {

    private static final JsonMapper EXACT = Json.mapper().rebuild().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    @Test
    void acceptsNumbersWhoseValueADoubleKeepsWhateverTheirForm() {
        JsonNode tree = EXACT.readTree("{\"a\":1.5e4,\"b\":14500.0,\"c\":0.30,\"d\":-0,\"e\":1E2,\"f\":1e21,\"g\":5e-7,\"h\":-0.0,"
                + "\"i\":9007199254740991,\"j\":-9007199254740991,\"k\":0.1,\"l\":1.7976931348623157e308,\"m\":5e-324,"
                + "\"n\":123456789.12345678,\"o\":1e20,\"p\":[3.141592653589793]}");
        assertThat(NumberFidelity.refusals(tree)).isEmpty();
    }

    @Test
    void refusesIntegersBeyondJavaScriptsSafeRangeAdvisingAString() {
        List<NumberFidelity.Refusal> refusals = NumberFidelity.refusals(
                EXACT.readTree("{\"order\":{\"id\":9007199254740993},\"ids\":[1,-9007199254740992],\"huge\":123456789012345678901234567890}"));
        assertThat(refusals).extracting(NumberFidelity.Refusal::field).containsExactly(".order.id", ".ids[1]", ".huge");
        assertThat(refusals.getFirst().reason()).contains("safe range", "9007199254740992", "Send it as a string");
    }

    @Test
    void refusesMoreDigitsThanADoubleHoldsAndWhatIsBeyondItsRange() {
        List<NumberFidelity.Refusal> refusals = NumberFidelity.refusals(
                EXACT.readTree("{\"pi\":3.14159265358979323846,\"p\":0.1000000000000000000001,\"x\":9007199254740993.0,"
                        + "\"big\":1e400,\"small\":-1e-400,\"subnormal\":4.9e-324}"));
        // the smallest double is written 5e-324: below 1e-308 a double holds fewer digits, and 4.9e-324 would arrive as 5e-324
        assertThat(refusals).extracting(NumberFidelity.Refusal::field).containsExactly(".pi", ".p", ".x", ".big", ".small", ".subnormal");
        assertThat(refusals.get(0).reason()).contains("more digits than a double holds", "3.141592653589793", "string");
        assertThat(refusals.get(3).reason()).contains("too large");
        assertThat(refusals.get(4).reason()).contains("too small");
    }

    @Test
    void judgesOnlyIntegersAndInfinitiesInATreeOfDoubles() {
        // a double has lost the written digits already: 0.1000000000000000000001 is 0.1 here
        JsonNode doubles = Json.mapper().readTree("{\"p\":0.1000000000000000000001,\"id\":9007199254740993,\"big\":1e400}");
        assertThat(NumberFidelity.refusals(doubles)).extracting(NumberFidelity.Refusal::field).containsExactly(".id", ".big");
    }

    @Test
    void listsAtMostTenRefusals() {
        String many = "[" + "9007199254740993,".repeat(50) + "1]";
        assertThat(NumberFidelity.refusals(EXACT.readTree(many))).hasSize(NumberFidelity.MAX_REFUSALS);
    }
}
