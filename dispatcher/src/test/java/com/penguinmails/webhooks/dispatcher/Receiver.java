package com.penguinmails.webhooks.dispatcher;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.Json;

/**
 * A real HTTP receiver on loopback (the JDK's server, a virtual thread per request) that answers every POST with a
 * fixed status after a fixed delay and remembers what it saw: event ids, requests under way, the most at once.
 */
public final class Receiver implements AutoCloseable {

    private final HttpServer server;
    private final List<String> eventIds = new CopyOnWriteArrayList<>();
    private final Set<String> answered = ConcurrentHashMap.newKeySet();
    private final AtomicInteger inProgress = new AtomicInteger();
    private final AtomicInteger mostAtOnce = new AtomicInteger();

    private Receiver(int status, Duration delay) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            int now = inProgress.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            try {
                byte[] body = exchange.getRequestBody().readAllBytes();
                String id = Json.read(body, EventEnvelope.class).id();
                eventIds.add(id);
                if (!delay.isZero()) {
                    Thread.sleep(delay);
                }
                byte[] answer = "ok".getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(status, answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
                answered.add(id);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                inProgress.decrementAndGet();
                exchange.close();
            }
        });
        server.start();
    }

    public static Receiver answering(int status, Duration delay) throws IOException {
        return new Receiver(status, delay);
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    /** Event ids of every request received, in arrival order, repeats included. */
    public List<String> eventIds() {
        return List.copyOf(eventIds);
    }

    /** Event ids whose response was written in full. */
    public Set<String> answered() {
        return Set.copyOf(answered);
    }

    public int inProgress() {
        return inProgress.get();
    }

    public int mostAtOnce() {
        return mostAtOnce.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
