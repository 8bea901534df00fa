package com.penguinmails.webhooks.model.canonical;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;

/** The committed corpus of Node's {@code JSON.stringify} answers (see {@code canonical/README.md} beside it). */
final class StringifyCorpus {

    /** One document and what {@code JSON.stringify(JSON.parse(input))} made of it. */
    record Entry(String input, String stringify) {
    }

    private StringifyCorpus() {
    }

    static List<Entry> entries() {
        try (InputStream stream = StringifyCorpus.class.getResourceAsStream("/canonical/stringify-corpus.jsonl");
             BufferedReader lines = new BufferedReader(new InputStreamReader(stream, StandardCharsets.US_ASCII))) {
            return lines.lines().map(line -> {
                JsonNode entry = Json.mapper().readTree(line);
                return new Entry(entry.get("input").asString(), entry.get("stringify").asString());
            }).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
