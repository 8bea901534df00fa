package com.penguinmails.webhooks.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import com.penguinmails.webhooks.model.Headers;

/**
 * The webhooks' receivers: real HTTP servers on their own ports (so each is an endpoint of its own to the
 * dispatcher), recording the delivery id of every request they answer with 200. They can be switched to answer 503,
 * or stopped and started again on the same ports.
 */
final class Receivers implements AutoCloseable {

    private final List<Integer> ports = new ArrayList<>();
    private final List<HttpServer> servers = new ArrayList<>();
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    private final LongAdder refused = new LongAdder();
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private volatile int status = 200;

    private Receivers(int count) {
        for (int i = 0; i < count; i++) {
            ports.add(Services.freePort());
        }
    }

    static Receivers start(int count) {
        Receivers receivers = new Receivers(count);
        receivers.startAgain();
        return receivers;
    }

    /** The URL of the {@code index}-th webhook: spread over the servers. */
    String url(int index) {
        return "http://127.0.0.1:" + ports.get(index % ports.size()) + "/hook/" + index;
    }

    /** From now on every request is answered with this status (200 accepts; 503 makes the dispatcher retry). */
    void answer(int status) {
        this.status = status;
    }

    /** Stops every server: connections are refused until {@link #startAgain()}. */
    synchronized void stop() {
        servers.forEach(server -> server.stop(0));
        servers.clear();
    }

    /** Starts the servers on their ports (again). */
    synchronized void startAgain() {
        for (int port : ports) {
            servers.add(bind(port));
        }
    }

    private HttpServer bind(int port) {
        // a port just released may refuse a new bind for a moment
        for (int attempt = 1; ; attempt++) {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
                server.setExecutor(executor);
                server.createContext("/", this::handle);
                server.start();
                return server;
            } catch (BindException e) {
                if (attempt == 50) {
                    throw new UncheckedIOException("port " + port + " stays taken", e);
                }
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(interrupted);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
            int answer = status;
            String deliveryId = exchange.getRequestHeaders().getFirst(Headers.DELIVERY_ID);
            if (answer == 200 && deliveryId != null) {
                accepted.computeIfAbsent(deliveryId, id -> new AtomicInteger()).incrementAndGet();
            } else {
                refused.increment();
            }
            exchange.sendResponseHeaders(answer, -1);
        }
    }

    /** How many times each delivery id was accepted (answered 200). */
    Map<String, AtomicInteger> accepted() {
        return accepted;
    }

    long refused() {
        return refused.sum();
    }

    @Override
    public void close() {
        stop();
        executor.close();
    }
}
