package com.penguinmails.webhooks.model.canonical;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.penguinmails.webhooks.model.Json;

/** The committed corpus: {@link CanonicalJson} gives Node's answer for each document, and node still gives it. */
class StringifyCorpusTests {

    private final List<StringifyCorpus.Entry> corpus = StringifyCorpus.entries();

    @Test
    void canonicalJsonWritesWhatJsonStringifyWroteForEveryDocumentOfTheCorpus() {
        assertThat(corpus).hasSize(1000);
        assertThat(corpus).allSatisfy(entry ->
                assertThat(CanonicalJson.writeString(Json.mapper().readTree(entry.input()))).as(entry.input()).isEqualTo(entry.stringify()));
    }

    @Test
    void theCorpusIsWhatNodeMakesOfItsDocuments() throws Exception {
        Optional<NodeStringify> started = NodeStringify.start();
        assumeTrue(started.isPresent(), "node is not installed here");
        try (NodeStringify node = started.get()) {
            assertThat(corpus).allSatisfy(entry -> assertThat(node.stringify(entry.input())).as(entry.input()).isEqualTo(entry.stringify()));
        }
    }
}
