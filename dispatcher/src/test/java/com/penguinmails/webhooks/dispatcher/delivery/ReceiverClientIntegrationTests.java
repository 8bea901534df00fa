package com.penguinmails.webhooks.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

import com.penguinmails.webhooks.dispatcher.DispatcherSettings;
import com.penguinmails.webhooks.model.AttemptRecord;
import com.penguinmails.webhooks.model.signing.SecretCipher;

/**
 * The sending client against real HTTP servers on loopback: the SSRF guard refuses loopback targets by literal and
 * by name before any request, and, where private targets are allowed, redirects are not followed, bodies are cut
 * at 16 KiB and flagged, and each failure is classified.
 */
class ReceiverClientIntegrationTests {

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/ok", exchange -> answer(exchange.getResponseHeaders(), exchange, 200, "OK".getBytes(StandardCharsets.UTF_8)));
        server.createContext("/redirect", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + server.getAddress().getPort() + "/ok");
            answer(exchange.getResponseHeaders(), exchange, 302, new byte[0]);
        });
        server.createContext("/big", exchange -> answer(exchange.getResponseHeaders(), exchange, 500, "x".repeat(20_000).getBytes(StandardCharsets.UTF_8)));
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange.getResponseHeaders(), exchange, 200, new byte[0]);
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void refusesLoopbackByLiteralAndByNameBeforeAnyRequest() {
        ReceiverClient guarded = client(false);
        int port = server.getAddress().getPort();
        for (String url : List.of("http://127.0.0.1:" + port + "/ok", "http://[::1]:" + port + "/ok", "http://localhost:" + port + "/ok")) {
            ReceiverResponse response = guarded.send(request(url), Duration.ofSeconds(5)).block();
            assertThat(response.errorClassName()).as(url).isEqualTo("refused_target");
            assertThat(response.error()).as(url).startsWith("refused: ").contains("loopback");
            assertThat(response.statusCode()).isNull();
        }
        assertThat(requests.get()).isZero();
    }

    @Test
    void refusesPrivateAndMetadataAddressesWithoutConnecting() {
        ReceiverClient guarded = client(false);
        // IP literals are refused before any connection is opened, so nothing leaves this machine
        for (String url : List.of("http://10.1.2.3/hook", "http://169.254.169.254/latest/meta-data", "http://192.168.0.10:8080/x",
                "http://100.64.0.1/x", "http://[::ffff:127.0.0.1]/x", "http://[fd00:ec2::254]/x")) {
            ReceiverResponse response = guarded.send(request(url), Duration.ofSeconds(5)).block();
            assertThat(response.errorClassName()).as(url).isEqualTo("refused_target");
            assertThat(response.durationMillis()).as(url).isLessThan(1000);
        }
    }

    @Test
    void doesNotFollowRedirects() {
        ReceiverResponse response = client(true).send(request(url("/redirect")), Duration.ofSeconds(5)).block();
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.isSuccess()).isFalse();
        assertThat(response.errorClassName()).isEqualTo("http_status");
        assertThat(response.header("Location")).endsWith("/ok");
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void keepsSixteenKibibytesOfTheBodyAndFlagsTheRest() {
        ReceiverResponse response = client(true).send(request(url("/big")), Duration.ofSeconds(5)).block();
        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).hasSize(AttemptRecord.RESPONSE_BODY_MAX_BYTES);
        assertThat(response.truncated()).isTrue();
        ReceiverResponse small = client(true).send(request(url("/ok")), Duration.ofSeconds(5)).block();
        assertThat(small.body()).isEqualTo("OK");
        assertThat(small.truncated()).isFalse();
        assertThat(small.errorClassName()).isNull();
    }

    @Test
    void classifiesTimeoutsAndRefusedConnections() throws IOException {
        ReceiverResponse slow = client(true).send(request(url("/slow")), Duration.ofMillis(500)).block();
        assertThat(slow.errorClassName()).isEqualTo("timeout");
        assertThat(slow.error()).isEqualTo("timed out after 500 ms");
        assertThat(slow.durationMillis()).isBetween(400L, 2900L);
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ReceiverResponse refused = client(true).send(request("http://127.0.0.1:" + closedPort + "/x"), Duration.ofSeconds(5)).block();
        assertThat(refused.errorClassName()).isEqualTo("connection_refused");
    }

    private void answer(com.sun.net.httpserver.Headers headers, com.sun.net.httpserver.HttpExchange exchange, int status, byte[] body) throws IOException {
        requests.incrementAndGet();
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    static SignedRequest request(String url) {
        return new SignedRequest(url, Map.of("Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8));
    }

    static ReceiverClient client(boolean allowPrivateTargets) {
        return new ReceiverClient(WebClient.builder(), DispatcherSettings.of("secret-encryption-key",
                SecretCipher.generateKey(), "retry-delays", "1m", "allow-private-targets", String.valueOf(allowPrivateTargets),
                "connect-timeout", "2s", "config-load-timeout", "5s", "hand-off-after", "500ms"));
    }
}
