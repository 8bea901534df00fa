package com.penguinmails.webhooks.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpServer;
import org.awaitility.Awaitility;

/**
 * A real HTTP receiver on a free loopback port, answering with scripted statuses (then 200) and recording every
 * request with its raw body bytes, exactly as received.
 */
final class TestReceiver implements AutoCloseable {

    /** One received request; header names lower-case. */
    record Received(Map<String, List<String>> headers, byte[] body, java.time.Instant receivedAt) {

        String header(String name) {
            List<String> values = headers.get(name.toLowerCase());
            return values == null ? null : values.getFirst();
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** A scripted answer: status, headers, body, and how long to wait before giving it. */
    record Answer(int status, Map<String, String> headers, String body, Duration delay) {

        Answer(int status, Map<String, String> headers, String body) {
            this(status, headers, body, Duration.ZERO);
        }

        static Answer status(int status) {
            return new Answer(status, Map.of(), status == 200 ? "OK" : "scripted failure " + status);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();

    private TestReceiver(HttpServer server) {
        this.server = server;
    }

    /** A receiver that answers the given statuses in turn, then 200 for ever. */
    static TestReceiver start(Integer... statuses) throws IOException {
        return answering(java.util.Arrays.stream(statuses).map(Answer::status).toArray(Answer[]::new));
    }

    /** A receiver that gives the scripted answers in turn, then 200 for ever. */
    static TestReceiver answering(Answer... answers) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        TestReceiver receiver = new TestReceiver(server);
        receiver.script.addAll(List.of(answers));
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, List<String>> headers = exchange.getRequestHeaders().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().toLowerCase(), Map.Entry::getValue, (a, b) -> a));
            receiver.received.add(new Received(headers, body, java.time.Instant.now()));
            Answer next;
            synchronized (receiver.script) {
                next = receiver.script.isEmpty() ? Answer.status(200) : receiver.script.poll();
            }
            if (!next.delay().isZero()) {
                try {
                    Thread.sleep(next.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            next.headers().forEach(exchange.getResponseHeaders()::add);
            byte[] answer = next.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(next.status(), answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        // a thread per request, so a hanging answer does not hold up the next request
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return receiver;
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits until at least {@code count} requests arrived and returns them in arrival order. */
    List<Received> awaitRequests(int count, Duration timeout) {
        Awaitility.await().atMost(timeout.toMillis(), TimeUnit.MILLISECONDS).pollInterval(Duration.ofMillis(50))
                .until(() -> received.size() >= count);
        return received();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
