package com.penguinmails.webhooks.model.canonical;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;

/**
 * The reference: JavaScript's own {@code JSON.stringify(JSON.parse(document))}, from one {@code node} process kept
 * running for a test class (a process per document would cost a tenth of a second each). Documents go over stdin and
 * answers come back over stdout as pure-ASCII JSON lines, so that lone surrogates survive both ways.
 */
final class NodeStringify implements AutoCloseable {

    private static final String SCRIPT = """
            const ascii = (text) => JSON.stringify(text).replace(/[\\u007f-\\uffff]/g, (c) => '\\\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
            require('readline').createInterface({ input: process.stdin }).on('line', (line) => {
              let answer;
              try {
                answer = '{"stringify":' + ascii(JSON.stringify(JSON.parse(JSON.parse(line)))) + '}';
              } catch (e) {
                answer = '{"error":' + ascii(String(e.message)) + '}';
              }
              process.stdout.write(answer + '\\n');
            });
            """;

    private final Process node;
    private final Writer in;
    private final BufferedReader out;

    private NodeStringify(Process node) {
        this.node = node;
        this.in = node.outputWriter(StandardCharsets.US_ASCII);
        this.out = node.inputReader(StandardCharsets.US_ASCII);
    }

    /** A running node, or empty on a machine without one. */
    static Optional<NodeStringify> start() {
        try {
            Process node = new ProcessBuilder("node", "-e", SCRIPT).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            NodeStringify reference = new NodeStringify(node);
            reference.stringify("[1]"); // fails here, not in the first property try, if node cannot run the script
            return Optional.of(reference);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** What {@code JSON.stringify(JSON.parse(document))} gives. */
    synchronized String stringify(String document) {
        try {
            in.write(ascii(document));
            in.write('\n');
            in.flush();
            String line = out.readLine();
            if (line == null) {
                throw new IllegalStateException("node ended");
            }
            JsonNode answer = Json.mapper().readTree(line);
            if (answer.has("error")) {
                throw new IllegalArgumentException("JSON.parse refused " + document + ": " + answer.get("error").asString());
            }
            return answer.get("stringify").asString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The text as a JSON string literal of printable ASCII: everything else as {@code \\uXXXX}. */
    static String ascii(String text) {
        StringBuilder literal = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                literal.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                literal.append(String.format("\\u%04x", (int) c));
            } else {
                literal.append(c);
            }
        }
        return literal.append('"').toString();
    }

    @Override
    public void close() throws InterruptedException {
        node.destroy();
        node.waitFor(5, TimeUnit.SECONDS);
    }
}
