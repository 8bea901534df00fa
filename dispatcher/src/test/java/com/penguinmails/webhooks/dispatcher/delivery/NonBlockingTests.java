package com.penguinmails.webhooks.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

import com.penguinmails.webhooks.dispatcher.DispatcherProperties;
import com.penguinmails.webhooks.dispatcher.DispatcherSettings;
import com.penguinmails.webhooks.model.DeliveryTask;
import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.SigningSecret;
import com.penguinmails.webhooks.model.WebhookConfig;
import com.penguinmails.webhooks.model.signing.SecretCipher;
import com.penguinmails.webhooks.model.signing.WebhookSecrets;
import reactor.blockhound.BlockHound;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * BlockHound watches the dispatcher's send path: signing, the guarded DNS resolution and the WebClient call run on
 * Reactor's non-blocking threads without a single blocking call.
 */
class NonBlockingTests {

    private HttpServer server;

    @BeforeAll
    static void installBlockHound() {
        BlockHound.install();
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("OK".getBytes(StandardCharsets.UTF_8));
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void blockHoundIsWatching() {
        assertThatThrownBy(() -> Mono.fromRunnable(() -> {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }).subscribeOn(Schedulers.parallel()).block())
                .hasMessageContaining("Blocking call");
    }

    @Test
    void signsAndSendsWithoutBlocking() {
        String key = SecretCipher.generateKey();
        DispatcherProperties properties = properties(key, true);
        RequestSigner signer = new RequestSigner(properties, Clock.systemUTC());
        ReceiverClient client = new ReceiverClient(WebClient.builder(), properties);
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        WebhookConfig webhook = new WebhookConfig("wh_1", "ws_1", url, List.of("email.opened"), "active", 5000, 6, "platform",
                List.of(new SigningSecret(new SecretCipher(key).encrypt(WebhookSecrets.generate()), null)), null, null, null);
        DeliveryTask task = new DeliveryTask("dlv_1", "wh_1", "ws_1",
                Json.read(EventType.EMAIL_OPENED.exampleJson(), EventEnvelope.class), 1, Instant.now());

        ReceiverResponse response = Mono.fromCallable(() -> signer.sign(webhook, task))
                .subscribeOn(Schedulers.parallel())
                .flatMap(request -> client.send(request, Duration.ofSeconds(5)))
                .block(Duration.ofSeconds(10));
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void resolvesThroughTheGuardWithoutBlocking() {
        ReceiverClient guarded = new ReceiverClient(WebClient.builder(), properties(SecretCipher.generateKey(), false));
        SignedRequest request = new SignedRequest("http://localhost:" + server.getAddress().getPort() + "/hook",
                Map.of("Content-Type", "application/json"), "{}".getBytes(StandardCharsets.UTF_8));
        ReceiverResponse response = Mono.defer(() -> guarded.send(request, Duration.ofSeconds(5)))
                .subscribeOn(Schedulers.parallel())
                .block(Duration.ofSeconds(10));
        assertThat(response.errorClassName()).isEqualTo("refused_target");
    }

    @Test
    void admitsAndLimitsWithoutBlocking() {
        com.penguinmails.webhooks.dispatcher.limits.EndpointGuard guard =
                new com.penguinmails.webhooks.dispatcher.limits.EndpointGuard(properties(SecretCipher.generateKey(), true));
        com.penguinmails.webhooks.dispatcher.limits.InFlightLimit slots =
                new com.penguinmails.webhooks.dispatcher.limits.InFlightLimit("test", 1);
        String admitted = slots.acquire()
                .then(guard.admit("https://example.com/hook"))
                .map(admission -> {
                    if (admission instanceof com.penguinmails.webhooks.dispatcher.limits.EndpointGuard.Admission.Admitted ok) {
                        ok.permit().complete(503, com.penguinmails.webhooks.model.delivery.ErrorClass.HTTP_STATUS, 12);
                    }
                    return admission.getClass().getSimpleName();
                })
                .doFinally(signal -> slots.release())
                .subscribeOn(Schedulers.parallel())
                .block(Duration.ofSeconds(10));
        assertThat(admitted).isEqualTo("Admitted");
        assertThat(slots.inFlight()).isZero();
    }

    private static DispatcherProperties properties(String key, boolean allowPrivate) {
        return DispatcherSettings.of("secret-encryption-key", key, "retry-delays", "1m",
                "allow-private-targets", String.valueOf(allowPrivate), "connect-timeout", "2s", "config-load-timeout", "5s",
                "hand-off-after", "500ms");
    }
}
