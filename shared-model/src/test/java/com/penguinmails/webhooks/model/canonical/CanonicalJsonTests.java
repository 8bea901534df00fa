package com.penguinmails.webhooks.model.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Fixed vectors, each answer taken from Node v20's {@code JSON.stringify(JSON.parse(input))}. */
class CanonicalJsonTests {

    private static final JsonMapper EXACT = Json.mapper().rebuild().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    @Test
    void writesNumbersInEcmaScriptFormWhateverFormTheProducerUsed() {
        String input = "{ \"amount\" : 1.5e4, \"price\": 14500.0, \"rate\":0.30, \"zero\": -0, \"hundred\": 1E2, \"big\": 1e21,"
                + " \"tiny\": 5e-7, \"negzero\": -0.0 }";
        String expected = "{\"amount\":15000,\"price\":14500,\"rate\":0.3,\"zero\":0,\"hundred\":100,\"big\":1e+21,\"tiny\":5e-7,\"negzero\":0}";
        assertThat(CanonicalJson.writeString(Json.mapper().readTree(input))).isEqualTo(expected);
        assertThat(CanonicalJson.writeString(EXACT.readTree(input))).isEqualTo(expected);
        // what Jackson writes, for contrast: the bytes the documents' Node snippets rejected
        assertThat(Json.writeString(Json.mapper().readTree(input))).contains("15000.0", "1.0E21");
    }

    @Test
    void escapesOnlyWhatJsonStringifyEscapesInLowerCaseHex() {
        String input = "{\"city\":\"Montr\\u00e9al\",\"url\":\"https:\\/\\/example.com\\/a\",\"ctl\":\"\\u001F\\t\\u0000\",\"ls\":\"\\u2028\","
                + "\"emoji\":\"\\ud83d\\ude00\",\"lone\":\"\\uD800x\",\"q\":\"\\\"\\\\\"}";
        assertThat(CanonicalJson.writeString(Json.mapper().readTree(input))).isEqualTo(
                "{\"city\":\"Montréal\",\"url\":\"https://example.com/a\",\"ctl\":\"\\u001f\\t\\u0000\",\"ls\":\"\u2028\","
                        + "\"emoji\":\"😀\",\"lone\":\"\\ud800x\",\"q\":\"\\\"\\\\\"}");
    }

    @Test
    void listsArrayIndexKeysFirstInNumericOrderAndTheRestAsReceived() {
        String input = "{\"b\":1,\"10\":2,\"2\":3,\"4294967294\":4,\"4294967295\":5,\"01\":6,\"-1\":7}";
        assertThat(CanonicalJson.writeString(Json.mapper().readTree(input)))
                .isEqualTo("{\"2\":3,\"10\":2,\"4294967294\":4,\"b\":1,\"4294967295\":5,\"01\":6,\"-1\":7}");
        assertThat(CanonicalJson.arrayIndex("0")).isZero();
        assertThat(CanonicalJson.arrayIndex("4294967294")).isEqualTo(4_294_967_294L);
        assertThat(CanonicalJson.arrayIndex("4294967295")).isEqualTo(-1);
        assertThat(CanonicalJson.arrayIndex("00")).isEqualTo(-1);
        assertThat(CanonicalJson.arrayIndex("")).isEqualTo(-1);
        assertThat(CanonicalJson.arrayIndex("1e3")).isEqualTo(-1);
    }

    @Test
    void aRepeatedKeyKeepsTheFirstPlaceAndTheLastValueAsJsonParseDoes() {
        assertThat(CanonicalJson.writeString(Json.mapper().readTree("{\"a\":1,\"b\":2,\"a\":3}"))).isEqualTo("{\"a\":3,\"b\":2}");
    }

    @Test
    void writesNumbersBeyondADoubleAsJavaScriptHoldsThem() {
        // ingest refuses these (NumberFidelity); an event stored before that still goes out as JSON.stringify would write it
        assertThat(CanonicalJson.writeString(Json.mapper().readTree("[9007199254740993,123456789012345678901234567890,1e400,-1e-400]")))
                .isEqualTo("[9007199254740992,1.2345678901234568e+29,null,0]");
    }

    @Test
    void writesAnEnvelopeWithoutNumbersAsJacksonDid() {
        EventEnvelope event = Json.read(EventType.EMAIL_OPENED.exampleJson(), EventEnvelope.class);
        assertThat(CanonicalJson.write(event)).isEqualTo(Json.write(event));
        EventEnvelope odd = new EventEnvelope("evt_1", "email.opened", Instant.parse("2025-11-25T14:30:00.120Z"),
                Json.mapper().readTree("{\"n\":1.5e4}"));
        assertThat(new String(CanonicalJson.write(odd), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"evt_1\",\"type\":\"email.opened\",\"created_at\":\"2025-11-25T14:30:00.120Z\",\"data\":{\"n\":15000}}");
    }

    @Test
    void numberFormIsEcmaScriptsNumberToString() {
        assertThat(CanonicalJson.numberForm(15000.0)).isEqualTo("15000");
        assertThat(CanonicalJson.numberForm(0.3)).isEqualTo("0.3");
        assertThat(CanonicalJson.numberForm(1e21)).isEqualTo("1e+21");
        assertThat(CanonicalJson.numberForm(1e20)).isEqualTo("100000000000000000000");
        assertThat(CanonicalJson.numberForm(0.000001)).isEqualTo("0.000001");
        assertThat(CanonicalJson.numberForm(1e-7)).isEqualTo("1e-7");
        assertThat(CanonicalJson.numberForm(-0.0)).isEqualTo("0");
        assertThat(CanonicalJson.numberForm(Double.POSITIVE_INFINITY)).isEqualTo("null");
    }
}
