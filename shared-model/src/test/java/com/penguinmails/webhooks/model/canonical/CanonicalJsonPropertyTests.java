package com.penguinmails.webhooks.model.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Over random JSON documents written as producers might write them ({@link JsonDocuments}): the canonical form is what
 * JavaScript's {@code JSON.stringify(JSON.parse(document))} gives, and {@code JSON.stringify(JSON.parse(body))} of
 * the canonical body is the body itself. The reference is a real {@code node}; on a machine without one, the
 * documents and answers of the committed corpus that node made ({@link StringifyCorpus}).
 */
class CanonicalJsonPropertyTests {

    /** How ingest reads events: floats with every digit written. */
    private static final JsonMapper EXACT = Json.mapper().rebuild().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    private static NodeStringify node;
    private static Map<String, String> corpus;

    @BeforeContainer
    static void startReference() {
        node = NodeStringify.start().orElse(null);
        corpus = StringifyCorpus.entries().stream()
                .collect(Collectors.toMap(StringifyCorpus.Entry::input, StringifyCorpus.Entry::stringify, (a, b) -> a));
    }

    @AfterContainer
    static void stopReference() throws InterruptedException {
        if (node != null) {
            node.close();
        }
    }

    @Provide
    Arbitrary<String> documents() {
        return node != null ? JsonDocuments.documents() : Arbitraries.of(corpus.keySet().stream().sorted().toList());
    }

    @Property(tries = 2000)
    void canonicalFormIsJsonStringifyOfTheDocument(@ForAll("documents") String document) {
        assertThat(CanonicalJson.writeString(Json.mapper().readTree(document))).isEqualTo(stringify(document));
    }

    @Property(tries = 2000)
    void jsonStringifyOfTheCanonicalBodyIsTheBody(@ForAll("documents") String document) {
        String body = CanonicalJson.writeString(Json.mapper().readTree(document));
        if (node != null) {
            assertThat(node.stringify(body)).isEqualTo(body);
        }
        assertThat(CanonicalJson.writeString(Json.mapper().readTree(body))).as("stable").isEqualTo(body);
    }

    @Property(tries = 2000)
    void exactDigitsAndDoublesGiveTheSameCanonicalForm(@ForAll("documents") String document) {
        assertThat(CanonicalJson.writeString(EXACT.readTree(document)))
                .isEqualTo(CanonicalJson.writeString(Json.mapper().readTree(document)));
    }

    private static String stringify(String document) {
        Function<String, String> reference = node != null ? node::stringify : corpus::get;
        return reference.apply(document);
    }
}
