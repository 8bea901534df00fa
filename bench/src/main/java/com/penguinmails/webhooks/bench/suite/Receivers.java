package com.penguinmails.webhooks.bench.suite;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.resources.LoopResources;

import com.penguinmails.webhooks.model.Headers;
import com.penguinmails.webhooks.model.signing.PenguinSignature;

/**
 * The receivers on 127.0.0.1: {@code count} healthy endpoints that answer 200 at once and hand every request to the
 * current {@link Run}, and one that accepts requests and never answers (the isolation scenario's dead endpoint).
 * A webhook's URL path names its fan-out slot ({@code /s<slot>}), so one event delivered to several webhooks counts
 * once per webhook.
 */
final class Receivers implements AutoCloseable {

    private static final byte[] ID_MARK = "\"id\":\"evt_".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SENT_MARK = "\"bench_sent_us\":".getBytes(StandardCharsets.UTF_8);

    private final int basePort;
    private final int count;
    private final LoopResources loops;
    private final List<DisposableServer> servers = new ArrayList<>();
    final LongAdder hangingRequests = new LongAdder();
    final AtomicInteger hangingOpen = new AtomicInteger();
    volatile Run current;

    private final Duration delay;
    private final double failureRate;
    final LongAdder failedOnPurpose = new LongAdder();

    /**
     * @param delay       how long a healthy receiver waits before it answers
     * @param failureRate the share of requests a healthy receiver answers with 500 instead (the dispatcher retries
     *                    them; a delivery counts as received only when it is answered 200)
     */
    Receivers(int basePort, int count, Duration delay, double failureRate) {
        this.basePort = basePort;
        this.count = count;
        this.delay = delay;
        this.failureRate = failureRate;
        this.loops = LoopResources.create("bench-receiver", 2, true);
        for (int k = 0; k < count; k++) {
            servers.add(HttpServer.create().host("127.0.0.1").port(basePort + k).runOn(loops)
                    .handle((request, response) -> delayed(request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0]))
                            .flatMap(body -> {
                                if (failureRate > 0 && java.util.concurrent.ThreadLocalRandom.current().nextDouble() < failureRate) {
                                    failedOnPurpose.increment();
                                    return response.status(500).send().then();
                                }
                                received(request, body);
                                return response.status(200).send().then();
                            }))
                    .bindNow());
        }
        servers.add(HttpServer.create().host("127.0.0.1").port(basePort + count).runOn(loops)
                .handle((request, response) -> {
                    hangingRequests.increment();
                    hangingOpen.incrementAndGet();
                    return Mono.<Void>never().doFinally(signal -> hangingOpen.decrementAndGet());
                })
                .bindNow());
    }

    /** The body after the configured delay (none at all without one: no hop to a timer thread). */
    private Mono<byte[]> delayed(Mono<byte[]> body) {
        return delay.isZero() ? body : body.delayElement(delay);
    }

    /** The URL of a healthy receiver (chosen by {@code n}) for fan-out slot {@code slot}. */
    String healthyUrl(int n, int slot) {
        return "http://127.0.0.1:" + (basePort + Math.floorMod(n, count)) + "/s" + slot;
    }

    String hangingUrl() {
        return "http://127.0.0.1:" + (basePort + count) + "/s0";
    }

    int count() {
        return count;
    }

    private void received(HttpServerRequest request, byte[] body) {
        long nowMicros = Clocks.epochMicros();
        Run run = current;
        if (run == null) {
            return;
        }
        int at = indexOf(body, ID_MARK, 0);
        int tagAt = at + ID_MARK.length;
        if (at < 0 || body.length < tagAt + run.tagBytes.length + 2
                || !java.util.Arrays.equals(body, tagAt, tagAt + run.tagBytes.length, run.tagBytes, 0, run.tagBytes.length)) {
            run.stray.increment();
            return;
        }
        int event = (int) digits(body, tagAt + run.tagBytes.length + 1);
        int sentAt = indexOf(body, SENT_MARK, tagAt);
        long sentMicros = sentAt < 0 ? -1 : digits(body, sentAt + SENT_MARK.length);
        String path = request.path();
        int slot = path.startsWith("s") ? Integer.parseInt(path.substring(1)) : 0;
        boolean verify = run.secret != null && event % 97 == 0;
        boolean valid = !verify || PenguinSignature.verify(run.secret, body, request.requestHeaders().get(Headers.SIGNATURE));
        run.receipt(event, slot, sentMicros, nowMicros, verify, valid);
    }

    private static long digits(byte[] body, int from) {
        long value = 0;
        for (int p = from; p < body.length && body[p] >= '0' && body[p] <= '9'; p++) {
            value = value * 10 + (body[p] - '0');
        }
        return value;
    }

    private static int indexOf(byte[] body, byte[] mark, int from) {
        outer:
        for (int i = Math.max(0, from); i <= body.length - mark.length; i++) {
            for (int j = 0; j < mark.length; j++) {
                if (body[i + j] != mark[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        servers.forEach(DisposableServer::disposeNow);
        loops.disposeLater().block(Duration.ofSeconds(10));
    }
}
