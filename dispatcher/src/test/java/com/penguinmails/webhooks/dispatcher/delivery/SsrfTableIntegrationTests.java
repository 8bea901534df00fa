package com.penguinmails.webhooks.dispatcher.delivery;

import static com.penguinmails.webhooks.dispatcher.delivery.ReceiverClientIntegrationTests.client;
import static com.penguinmails.webhooks.dispatcher.delivery.ReceiverClientIntegrationTests.request;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;


/**
 * The SSRF bypass table (issue #12) against the dispatcher's real sending path with {@code allow-private-targets}
 * off, as in production: a receiver listens on loopback, and every way of spelling an internal address must be refused
 * with a reason before a request reaches it. There is no DNS to the internet here, so the names that resolve to
 * private addresses are the ones this machine resolves itself: {@code localhost} and the machine's own host name
 * (from /etc/hosts, through the same Netty resolver production uses). Targets that are not on this machine (the
 * metadata addresses, unique-local IPv6) are refused by their text before any connection is tried.
 */
class SsrfTableIntegrationTests {

    private static HttpServer server;
    private static final AtomicInteger requests = new AtomicInteger();

    @BeforeAll
    static void startReceiver() throws IOException {
        // on every local address, so that a bypass which got through would be answered, and counted
        server = HttpServer.create(new InetSocketAddress(0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            if (exchange.getRequestURI().getPath().equals("/redirect")) {
                exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/iam/security-credentials/");
                exchange.sendResponseHeaders(302, -1);
            } else {
                byte[] body = "internal secrets".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            }
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stopReceiver() {
        server.stop(0);
    }

    static Stream<Arguments> bypasses() throws IOException {
        int port = server.getAddress().getPort();
        String hostname = InetAddress.getLocalHost().getHostName();
        return Stream.of(
                Arguments.of("decimal IPv4", "http://2130706433:" + port + "/", "non-standard notation"),
                Arguments.of("octal IPv4", "http://0177.0.0.1:" + port + "/", "non-standard notation"),
                Arguments.of("hex IPv4", "http://0x7f000001:" + port + "/", "non-standard notation"),
                Arguments.of("dotted hex IPv4", "http://0x7f.0x0.0x0.0x1:" + port + "/", "non-standard notation"),
                Arguments.of("short IPv4", "http://127.1:" + port + "/", "non-standard notation"),
                Arguments.of("trailing-dot IPv4", "http://127.0.0.1.:" + port + "/", "non-standard notation"),
                Arguments.of("loopback IPv4", "http://127.0.0.1:" + port + "/", "loopback"),
                Arguments.of("other loopback IPv4", "http://127.5.6.7:" + port + "/", "loopback"),
                Arguments.of("IPv6 loopback", "http://[::1]:" + port + "/", "loopback"),
                Arguments.of("IPv4-mapped IPv6", "http://[::ffff:127.0.0.1]:" + port + "/", "loopback"),
                Arguments.of("IPv4-mapped IPv6 in hex", "http://[::ffff:7f00:1]:" + port + "/", "loopback"),
                Arguments.of("IPv4-compatible IPv6", "http://[::127.0.0.1]:" + port + "/", "loopback"),
                Arguments.of("IPv6 link-local", "http://[fe80::1]:" + port + "/", "link-local"),
                Arguments.of("IPv6 unspecified", "http://[::]:" + port + "/", "unspecified"),
                Arguments.of("AWS IPv6 metadata", "http://[fd00:ec2::254]/latest/meta-data/", "unique-local"),
                Arguments.of("unspecified IPv4", "http://0.0.0.0:" + port + "/", "unspecified"),
                Arguments.of("cloud metadata IPv4", "http://169.254.169.254/latest/meta-data/", "link-local"),
                Arguments.of("private 10/8", "http://10.0.0.1:" + port + "/", "private"),
                Arguments.of("private 172.16/12", "http://172.16.0.1:" + port + "/", "private"),
                Arguments.of("private 192.168/16", "http://192.168.1.1:" + port + "/", "private"),
                Arguments.of("carrier-grade NAT", "http://100.64.0.1:" + port + "/", "carrier-grade"),
                Arguments.of("GCP metadata name", "http://metadata.google.internal/computeMetadata/v1/", "internal host name"),
                Arguments.of("localhost", "http://localhost:" + port + "/", "loopback"),
                Arguments.of("localhost, upper case and trailing dot", "http://LOCALHOST.:" + port + "/", "loopback"),
                Arguments.of("a name under localhost", "http://api.localhost:" + port + "/", "loopback"),
                // resolved by DNS (here /etc/hosts) to a loopback address: refused on the address the client would use
                Arguments.of("this machine's host name (" + hostname + ")", "http://" + hostname + ":" + port + "/", "loopback"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("bypasses")
    void refusesEveryWayOfSpellingAnInternalAddressBeforeAnyRequest(String kind, String url, String reason) {
        int before = requests.get();
        ReceiverResponse response = client(false).send(request(url), Duration.ofSeconds(5)).block();
        assertThat(response.errorClassName()).as("%s: %s", kind, response.error()).isEqualTo("refused_target");
        assertThat(response.error()).as(kind).startsWith("refused: ").contains(reason);
        assertThat(response.statusCode()).as(kind).isNull();
        assertThat(requests.get()).as("%s reached the receiver", kind).isEqualTo(before);
    }

    /**
     * A public endpoint answering 302 to the metadata address: the redirect is recorded as the attempt's answer and
     * never followed. (No public endpoint here: the redirecting receiver is on loopback, so private targets are
     * allowed for this one; the client is built the same way with the guard on.)
     */
    @Test
    void neverFollowsARedirectToAnInternalAddress() {
        int before = requests.get();
        ReceiverResponse response = client(true).send(request("http://127.0.0.1:" + server.getAddress().getPort() + "/redirect"),
                Duration.ofSeconds(5)).block();
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.isSuccess()).isFalse();
        assertThat(response.body()).doesNotContain("internal secrets");
        assertThat(response.header("Location")).startsWith("http://169.254.169.254/");
        assertThat(requests.get()).isEqualTo(before + 1);
    }

    @Test
    void stillSendsToAPublicLookingNameOnceItResolvesPublicly() {
        // the guard refuses by address, not by every unknown name: a name that does not resolve fails as DNS, not as SSRF
        ReceiverResponse response = client(false).send(request("http://no-such-host.invalid/"), Duration.ofSeconds(5)).block();
        assertThat(response.errorClassName()).isIn("dns", "connection");
    }
}
