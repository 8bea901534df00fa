package com.penguinmails.webhooks.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One fault test's own part of the shared cluster: receivers, webhooks pointing at them and a load sized by the
 * system properties {@code reliability.events}, {@code reliability.webhooks} and {@code reliability.rate} (events per
 * second), which the build sets (small by default, full size under {@code -Preliability}).
 */
final class FaultRun implements AutoCloseable {

    static final int RECEIVER_SERVERS = 5;

    final FaultCluster cluster = FaultCluster.get();
    final String run = UUID.randomUUID().toString().substring(0, 8);
    final Receivers receivers = Receivers.start(RECEIVER_SERVERS);
    final List<String> webhookIds;
    final Load load;
    private final String test;
    private final String fault;
    private Instant started;

    FaultRun(String test, String fault) throws Exception {
        this(test, fault, size("reliability.events", 2000), size("reliability.rate", 250));
    }

    /** A load of {@code events} at {@code perSecond}, for faults that need a longer or a smaller one. */
    FaultRun(String test, String fault, int events, int perSecond) throws Exception {
        this.test = test;
        this.fault = fault;
        cluster.heal();
        int webhooks = size("reliability.webhooks", 20);
        webhookIds = cluster.createWebhooks(run, receivers, webhooks);
        load = new Load(cluster, run, events, webhooks, perSecond);
    }

    static int size(String property, int fallback) {
        return Integer.parseInt(System.getProperty(property, Integer.toString(fallback)));
    }

    /** Starts the load; the fault follows. */
    Load startLoad() {
        started = Instant.now();
        return load.start();
    }

    /** Waits for the load to end and everything to catch up, then asserts that nothing was lost and all is logged. */
    Reconciliation.Counts reconcile() throws InterruptedException {
        load.awaitAll();
        Reconciliation.Counts counts = Reconciliation.reconcile(test, fault, cluster, load, webhookIds, receivers, started);
        assertThat(counts.accepted()).as("events accepted by ingest").isEqualTo(load.events());
        assertThat(counts.lost()).as("deliveries lost (%s)", counts.line()).isZero();
        assertThat(counts.unexpected()).as("requests for deliveries nobody asked for").isZero();
        assertThat(counts.dead()).as("deliveries dead-lettered").isZero();
        assertThat(counts.logDelivered()).as("deliveries logged as delivered").isEqualTo(counts.expected());
        assertThat(counts.eventsStored()).as("events in the event store").isEqualTo(counts.accepted());
        DispatcherGroup.awaitCaughtUp(cluster);
        return counts;
    }

    @Override
    public void close() {
        receivers.close();
    }
}
