package com.penguinmails.webhooks.dispatcher.delivery;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.netty.channel.ChannelOption;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

import com.penguinmails.webhooks.dispatcher.DispatcherProperties;
import com.penguinmails.webhooks.model.AttemptRecord;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;

/**
 * Sends one signed POST with WebClient and reports what came back; never errors: every failure (refused target,
 * timeout, connection error) becomes a {@link ReceiverResponse} with a reason. Redirects are not followed.
 */
@Component
class ReceiverClient {

    private final WebClient webClient;
    private final boolean allowPrivateTargets;

    ReceiverClient(WebClient.Builder builder, DispatcherProperties properties) {
        HttpClient http = HttpClient.create()
                .followRedirect(false)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) properties.connectTimeout().toMillis());
        this.webClient = builder.clientConnector(new ReactorClientHttpConnector(http)).build();
        this.allowPrivateTargets = properties.allowPrivateTargets();
    }

    Mono<ReceiverResponse> send(SignedRequest request, Duration timeout) {
        long start = System.nanoTime();
        return checkTarget(request.url())
                .then(webClient.post()
                        .uri(request.url())
                        .headers(headers -> request.headers().forEach(headers::set))
                        .bodyValue(request.body())
                        .exchangeToMono(response -> DataBufferUtils
                                .join(DataBufferUtils.takeUntilByteCount(response.bodyToFlux(DataBuffer.class), AttemptRecord.RESPONSE_BODY_MAX_CHARS))
                                .map(ReceiverClient::text)
                                .defaultIfEmpty("")
                                .map(body -> new ReceiverResponse(response.statusCode().value(), body, elapsed(start), null))))
                .timeout(timeout)
                .onErrorResume(e -> Mono.just(new ReceiverResponse(null, null, elapsed(start), reason(e, timeout))));
    }

    /** Refuses endpoints that resolve to loopback, private, link-local or metadata addresses, unless allowed. */
    private Mono<Void> checkTarget(String url) {
        if (allowPrivateTargets) {
            return Mono.empty();
        }
        return Mono.fromCallable(() -> {
            String host = URI.create(url).getHost();
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress()
                        || address.isAnyLocalAddress() || address.isMulticastAddress()) {
                    throw new RefusedTargetException(host + " resolves to " + address.getHostAddress() + ", a non-public address");
                }
            }
            return null;
        }).subscribeOn(Schedulers.boundedElastic()).then();
    }

    private static String text(DataBuffer buffer) {
        try {
            return buffer.toString(StandardCharsets.UTF_8);
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private static long elapsed(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }

    private static String reason(Throwable e, Duration timeout) {
        if (e instanceof TimeoutException) {
            return "timed out after " + timeout.toMillis() + " ms";
        }
        if (e instanceof RefusedTargetException) {
            return "refused: " + e.getMessage();
        }
        if (e instanceof UnknownHostException || e.getCause() instanceof UnknownHostException) {
            return "unknown host: " + e.getMessage();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static final class RefusedTargetException extends RuntimeException {
        RefusedTargetException(String message) {
            super(message, null, false, false);
        }
    }
}
