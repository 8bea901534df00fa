package com.penguinmails.webhooks.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import com.penguinmails.webhooks.model.Json;

/**
 * A steady load of {@code email.clicked} events posted to event-ingest in batches, at a set pace, from a thread of
 * its own while the test breaks things. Event {@code n} carries its own id and goes to webhook {@code n % webhooks}
 * (each webhook filters on its own {@code email_id}). A batch that is not accepted (ingest or the broker down) is
 * posted again, same ids, until it is: ingest de-duplicates by id, so a retry is safe, as for any platform service.
 */
final class Load {

    static final int BATCH = 50;
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(3);

    private final FaultCluster cluster;
    private final String run;
    private final int events;
    private final int webhooks;
    private final int perSecond;
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sent = new AtomicInteger();
    private final LongAdder refusedBatches = new LongAdder();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Thread thread;

    Load(FaultCluster cluster, String run, int events, int webhooks, int perSecond) {
        this.cluster = cluster;
        this.run = run;
        this.events = events;
        this.webhooks = webhooks;
        this.perSecond = perSecond;
    }

    static String emailId(String run, int webhook) {
        return "msg_" + run + "_" + webhook;
    }

    static String eventId(String run, int n) {
        return "evt_" + run + "_" + n;
    }

    /** The webhook (index) event {@code n} goes to. */
    int webhookOf(int n) {
        return n % webhooks;
    }

    Load start() {
        thread = Thread.ofPlatform().name("load-" + run).start(() -> {
            try {
                publishAll();
            } catch (Throwable e) {
                failure.set(e);
            }
        });
        return this;
    }

    private void publishAll() throws Exception {
        long startNanos = System.nanoTime();
        for (int first = 0; first < events; first += BATCH) {
            // the pace: batch k leaves no earlier than k * BATCH / perSecond after the start
            long dueNanos = startNanos + (long) first * 1_000_000_000L / perSecond;
            long wait = dueNanos - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(Duration.ofNanos(wait));
            }
            List<Map<String, Object>> batch = new ArrayList<>();
            for (int n = first; n < Math.min(events, first + BATCH); n++) {
                batch.add(Map.of("id", eventId(run, n), "type", "email.clicked", "data", Map.of(
                        "email_id", emailId(run, webhookOf(n)), "url", "https://example.com/offer",
                        "contact", Map.of("email", "reliability@example.com"))));
            }
            post(batch);
            sent.set(Math.min(events, first + BATCH));
        }
    }

    private void post(List<Map<String, Object>> batch) throws Exception {
        byte[] body = Json.mapper().writeValueAsBytes(batch);
        long giveUp = System.nanoTime() + GIVE_UP_AFTER.toNanos();
        while (true) {
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(cluster.ingestUrl() + "/api/v1/events"))
                        .header("Authorization", "Bearer " + cluster.apiKey()).header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 202) {
                    Json.mapper().readTree(answer.body()).get("ids").valueStream().forEach(id -> accepted.add(id.asString()));
                    return;
                }
                if (answer.statusCode() / 100 == 4 && answer.statusCode() != 429 && answer.statusCode() != 401) {
                    throw new IllegalStateException("ingest refused a batch: " + answer.statusCode() + " " + answer.body());
                }
            } catch (IOException e) {
                // ingest or its broker is down: the batch is posted again below
            }
            refusedBatches.increment();
            if (System.nanoTime() > giveUp) {
                throw new IllegalStateException("ingest did not accept a batch for " + GIVE_UP_AFTER);
            }
            Thread.sleep(500);
        }
    }

    /** Waits until the first {@code count} events have been posted and accepted. */
    void awaitSent(int count) {
        Poll.until(count + " events accepted by ingest", GIVE_UP_AFTER, () -> {
            rethrow();
            return sent.get() >= Math.min(count, events);
        }, () -> "(" + sent.get() + " so far)");
    }

    /** Waits until every event has been accepted. */
    void awaitAll() throws InterruptedException {
        thread.join(GIVE_UP_AFTER.multipliedBy(2));
        rethrow();
        if (thread.isAlive()) {
            throw new AssertionError("the load did not finish: " + sent.get() + " of " + events + " events sent");
        }
    }

    private void rethrow() {
        if (failure.get() != null) {
            throw new AssertionError("the load failed", failure.get());
        }
    }

    String run() {
        return run;
    }

    int events() {
        return events;
    }

    Set<String> accepted() {
        return accepted;
    }

    long refusedBatches() {
        return refusedBatches.sum();
    }
}
