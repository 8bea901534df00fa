package com.penguinmails.webhooks.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;

/**
 * The documents' Node snippets, copied verbatim into {@code spec-snippets/}, run by a real {@code node} on requests a
 * {@link TestReceiver} got: spec 001's route verifies {@code X-PenguinMails-Signature}, spec 003's
 * {@code X-Webhook-Signature}, both over {@code JSON.stringify(req.body)} after {@code JSON.parse} of the body, as
 * {@code express.json()} does ({@code harness.js} says how Express is stood in for).
 */
final class SpecSnippets {

    /** Spec 001, "Handling Webhooks in Your Application": the Node.js example. */
    static final String SPEC_001 = "spec-001-node-example.js";
    /** Spec 003, "Verification Example (Node.js)". */
    static final String SPEC_003 = "spec-003-node-verification.js";

    /**
     * What the snippet's route answered to one request.
     *
     * @param status          the status it set ({@code 200}, {@code 401}), or {@code threw} / {@code no answer}
     * @param logs            what it printed with {@code console.log}
     * @param stringifyIsBody whether {@code JSON.stringify(JSON.parse(body)) === body} held for the request
     */
    record Answer(String status, String body, List<String> logs, boolean stringifyIsBody) {
    }

    private SpecSnippets() {
    }

    static boolean nodeRuns() {
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            return node.waitFor(30, TimeUnit.SECONDS) && node.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs the snippet's route once per request, with {@code process.env.WEBHOOK_SECRET} the given secret. */
    static List<Answer> run(String snippet, String secret, List<TestReceiver.Received> requests) throws Exception {
        Path dir = Files.createTempDirectory("spec-snippets");
        try {
            Path harness = copy("harness.js", dir);
            Path code = copy(snippet, dir);
            Path input = dir.resolve("requests.json");
            Files.write(input, Json.write(requests.stream().map(request -> Map.of(
                    "headers", Map.of("x-penguinmails-signature", String.valueOf(request.header("X-PenguinMails-Signature")),
                            "x-webhook-signature", String.valueOf(request.header("X-Webhook-Signature"))),
                    "body_base64", Base64.getEncoder().encodeToString(request.body()),
                    "secret", secret)).toList()));
            Process node = new ProcessBuilder("node", harness.toString(), code.toString(), input.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] output = node.getInputStream().readAllBytes();
            if (!node.waitFor(60, TimeUnit.SECONDS) || node.exitValue() != 0) {
                throw new IllegalStateException("node " + snippet + " failed: " + new String(output, StandardCharsets.UTF_8));
            }
            JsonNode answers = Json.mapper().readTree(output);
            return answers.valueStream().map(answer -> new Answer(answer.get("status").asString(), answer.get("body").asString(null),
                    answer.get("logs").valueStream().map(JsonNode::asString).toList(), answer.get("stringify_is_body").asBoolean())).toList();
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static Path copy(String resource, Path dir) throws IOException {
        try (InputStream in = SpecSnippets.class.getResourceAsStream("/spec-snippets/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("no spec-snippets/" + resource + " on the test class path");
            }
            Path file = dir.resolve(resource);
            Files.copy(in, file);
            return file;
        }
    }
}
