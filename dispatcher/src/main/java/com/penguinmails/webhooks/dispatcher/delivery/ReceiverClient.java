package com.penguinmails.webhooks.dispatcher.delivery;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.netty.channel.ChannelOption;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import com.penguinmails.webhooks.dispatcher.DispatcherProperties;
import com.penguinmails.webhooks.model.AttemptRecord;
import com.penguinmails.webhooks.model.delivery.ErrorClass;
import com.penguinmails.webhooks.model.delivery.ResponseClassifier;
import com.penguinmails.webhooks.model.net.RefusedTargetException;
import com.penguinmails.webhooks.model.net.TargetAddressPolicy;
import com.penguinmails.webhooks.runtime.DataBufferBytes;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import io.micrometer.observation.ObservationRegistry;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import reactor.netty.transport.NameResolverProvider;

/**
 * Sends one signed POST with WebClient and reports what came back; never errors: every failure (refused target,
 * timeout, DNS, TLS, connection) becomes a {@link ReceiverResponse} with a reason and the class
 * {@link ResponseClassifier} gives it. Redirects are not followed (a 3xx is a failure with its status). Unless private targets are allowed (the local stack), names are
 * resolved through {@link GuardedAddressResolverGroup} and IP literals are checked here, so no request reaches a
 * loopback, private, link-local or metadata address.
 */
@Component
class ReceiverClient {

    private final WebClient webClient;
    private final boolean allowPrivateTargets;

    ReceiverClient(WebClient.Builder builder, DispatcherProperties properties) {
        // one pool for all receivers: per remote address at most as many connections as the endpoint guard lets calls
        // through, idle ones closed after a while, so thousands of endpoints do not pin thousands of sockets
        int perEndpoint = properties.endpoints().maxConcurrency();
        ConnectionProvider pool = ConnectionProvider.builder("receivers")
                .maxConnections(perEndpoint)
                .pendingAcquireMaxCount(perEndpoint * 2)
                .maxIdleTime(Duration.ofSeconds(30))
                .evictInBackground(Duration.ofSeconds(60))
                .build();
        HttpClient http = HttpClient.create(pool)
                .followRedirect(false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis());
        if (!properties.allowPrivateTargets()) {
            http = http.resolver(new GuardedAddressResolverGroup(NameResolverProvider.builder().build()
                    .newNameResolverGroup(LoopResources.create("dispatcher-dns", 1, true), true)));
        }
        // no http.client.requests observation: its uri tag would be each webhook's URL (a meter per endpoint, without
        // bound), and it cost more per delivery than signing; the dispatcher's own meters count deliveries
        this.webClient = builder.clientConnector(new ReactorClientHttpConnector(http))
                .observationRegistry(ObservationRegistry.NOOP).build();
        this.allowPrivateTargets = properties.allowPrivateTargets();
    }

    Mono<ReceiverResponse> send(SignedRequest request, Duration timeout) {
        long start = System.nanoTime();
        return Mono.defer(() -> {
                    RuntimeException refused = allowPrivateTargets ? null : refusedLiteral(request.url());
                    if (refused != null) {
                        return Mono.error(refused);
                    }
                    return webClient.post()
                            .uri(URI.create(request.url())) // a URL, not a template to expand
                            .headers(headers -> request.headers().forEach(headers::set))
                            .bodyValue(request.body())
                            .exchangeToMono(response -> read(response, start));
                })
                .timeout(timeout)
                .onErrorResume(e -> {
                    ErrorClass errorClass = ResponseClassifier.errorClassOf(e);
                    return Mono.just(ReceiverResponse.failed(elapsed(start), reason(errorClass, e, timeout), errorClass));
                });
    }

    /** Reads up to {@link AttemptRecord#RESPONSE_BODY_MAX_BYTES} of the body (one byte more tells truncation). */
    private static Mono<ReceiverResponse> read(ClientResponse response, long start) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.headers().asHttpHeaders().forEach((name, values) -> {
            if (headers.size() < AttemptRecord.RESPONSE_HEADERS_MAX) {
                String value = String.join(", ", values);
                headers.put(name.toLowerCase(Locale.ROOT), value.length() > 512 ? value.substring(0, 512) : value);
            }
        });
        int status = response.statusCode().value();
        return DataBufferUtils.join(DataBufferUtils.takeUntilByteCount(response.bodyToFlux(DataBuffer.class),
                        AttemptRecord.RESPONSE_BODY_MAX_BYTES + 1L))
                .map(DataBufferBytes::consume)
                .defaultIfEmpty(new byte[0])
                .map(bytes -> {
                    boolean truncated = bytes.length > AttemptRecord.RESPONSE_BODY_MAX_BYTES;
                    String body = new String(bytes, 0, Math.min(bytes.length, AttemptRecord.RESPONSE_BODY_MAX_BYTES), StandardCharsets.UTF_8);
                    return ReceiverResponse.answered(status, headers, body, truncated, elapsed(start));
                });
    }

    /**
     * An IP-literal host is never resolved, so the guard in the resolver never sees it: check it here, with the hosts
     * refused by their text alone (internal names, IPv4 in decimal, octal or hex, which some resolvers would take).
     */
    static RuntimeException refusedLiteral(String url) {
        String host = TargetAddressPolicy.host(URI.create(url));
        if (host == null) {
            return null;
        }
        return TargetAddressPolicy.refusalOfHost(host).map(why -> (RuntimeException) new RefusedTargetException(host, why)).orElse(null);
    }

    private static long elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    private static String reason(ErrorClass errorClass, Throwable e, Duration timeout) {
        return switch (errorClass) {
            case TIMEOUT -> "timed out after " + timeout.toMillis() + " ms";
            case REFUSED_TARGET -> "refused: " + root(e).getMessage();
            case DNS -> "unknown host: " + root(e).getMessage();
            default -> root(e).getClass().getSimpleName() + ": " + root(e).getMessage();
        };
    }

    private static Throwable root(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
