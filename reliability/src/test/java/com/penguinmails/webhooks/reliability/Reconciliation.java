package com.penguinmails.webhooks.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import com.penguinmails.webhooks.model.Ids;

/**
 * The end of every fault test: events accepted by ingest, against requests accepted by the receivers and deliveries in
 * management-api's log (PostgreSQL, read directly), by id. Waits, bounded, until every accepted event's delivery has
 * arrived and is logged with a final status, then counts: delivered, duplicated, lost, dead-lettered.
 */
final class Reconciliation {

    /** Time for the system to catch up after the last fault: retries, rebalances, the delivery log's backlog. */
    private static final Duration CATCH_UP = Duration.ofMinutes(5);

    /** The counts of one test, as docs/reliability.md quotes them. */
    record Counts(String test, int accepted, int expected, int delivered, int duplicated, int lost, int unexpected,
                  int logged, int logDelivered, int dead, int eventsStored, long refusedBatches, long refusedRequests,
                  Duration took, String fault) {

        String line() {
            return "| %s | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %,d | %d s | %s |".formatted(test, accepted, expected,
                    delivered, duplicated, lost, logDelivered, dead, eventsStored, refusedBatches, took.toSeconds(), fault);
        }
    }

    static final String HEADER = "| test | accepted | deliveries expected | delivered | duplicated | lost | logged delivered "
            + "| dead | events stored | batches re-posted | took | fault |\n"
            + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n";

    private Reconciliation() {
    }

    /**
     * Waits for every delivery to arrive and be logged, then writes the counts to
     * {@code target/reliability/<test>.md} and prints them; the caller asserts on them.
     */
    static Counts reconcile(String test, String fault, FaultCluster cluster, Load load, List<String> webhookIds,
                            Receivers receivers, Instant started) {
        Map<String, String> expected = new HashMap<>(); // delivery id -> event id
        for (String eventId : load.accepted()) {
            int n = Integer.parseInt(eventId.substring(eventId.lastIndexOf('_') + 1));
            expected.put(Ids.deliveryId(eventId, webhookIds.get(load.webhookOf(n))), eventId);
        }
        AtomicReference<Map<String, String>> logged = new AtomicReference<>(Map.of());
        AtomicInteger stored = new AtomicInteger();
        try {
            Poll.until("every delivery received and logged, every event stored", CATCH_UP, () -> {
                logged.set(loggedStatuses(cluster, webhookIds));
                if (!receivers.accepted().keySet().containsAll(expected.keySet())) {
                    return false;
                }
                stored.set(storedEvents(cluster, load.accepted()));
                return expected.keySet().stream().allMatch(id -> isFinal(logged.get().get(id)))
                        && stored.get() == load.accepted().size();
            }, () -> "(received " + expected.keySet().stream().filter(receivers.accepted()::containsKey).count() + " of "
                    + expected.size() + ", logged by status " + byStatus(logged.get()) + ", events stored " + stored.get() + ")");
        } catch (AssertionError timedOut) {
            System.out.println("reliability: " + timedOut.getMessage());
            System.out.println("reliability: consumer groups: " + DispatcherGroup.lagReport(cluster));
        }
        try {
            // read once more: what arrived since the last poll counts
            logged.set(loggedStatuses(cluster, webhookIds));
            stored.set(storedEvents(cluster, load.accepted()));
        } catch (Exception e) {
            System.out.println("reliability: could not read the delivery log: " + e);
        }

        int delivered = 0;
        int duplicated = 0;
        for (String id : expected.keySet()) {
            AtomicInteger times = receivers.accepted().get(id);
            if (times != null) {
                delivered++;
                duplicated += times.get() - 1;
            }
        }
        Set<String> unexpected = new HashSet<>(receivers.accepted().keySet());
        unexpected.removeAll(expected.keySet());
        Map<String, String> log = logged.get();
        int logDelivered = (int) expected.keySet().stream().filter(id -> "delivered".equals(log.get(id))).count();
        int dead = (int) expected.keySet().stream().filter(id -> "failed".equals(log.get(id))).count();
        Counts counts = new Counts(test, load.accepted().size(), expected.size(), delivered, duplicated,
                expected.size() - delivered, unexpected.size(), log.size(), logDelivered, dead, stored.get(),
                load.refusedBatches(), receivers.refused(), Duration.between(started, Instant.now()), fault);
        write(counts);
        if (delivered < expected.size()) {
            System.out.println("reliability: lost, for example: " + expected.keySet().stream()
                    .filter(id -> !receivers.accepted().containsKey(id)).limit(10).toList());
        }
        return counts;
    }

    private static Map<String, Long> byStatus(Map<String, String> statuses) {
        return statuses.values().stream().collect(Collectors.groupingBy(status -> status, TreeMap::new, Collectors.counting()));
    }

    private static boolean isFinal(String status) {
        return "delivered".equals(status) || "failed".equals(status);
    }

    private static Map<String, String> loggedStatuses(FaultCluster cluster, List<String> webhookIds) throws SQLException {
        Map<String, String> statuses = new HashMap<>();
        try (Connection db = cluster.postgres().connect();
             PreparedStatement query = db.prepareStatement("select id, status from webhook_deliveries where webhook_id = any(?)")) {
            Array ids = db.createArrayOf("text", webhookIds.toArray());
            query.setArray(1, ids);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    statuses.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return statuses;
    }

    private static int storedEvents(FaultCluster cluster, Set<String> eventIds) throws SQLException {
        try (Connection db = cluster.postgres().connect();
             PreparedStatement query = db.prepareStatement("select count(*) from webhook_events where id = any(?)")) {
            query.setArray(1, db.createArrayOf("text", eventIds.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    private static void write(Counts counts) {
        String text = "reliability: " + counts.test() + ": accepted " + counts.accepted() + ", delivered " + counts.delivered()
                + ", duplicated " + counts.duplicated() + ", lost " + counts.lost() + ", unexpected " + counts.unexpected()
                + ", logged delivered " + counts.logDelivered() + ", dead " + counts.dead() + ", events stored "
                + counts.eventsStored() + ", logged " + counts.logged() + ", batches re-posted " + counts.refusedBatches() + ", requests refused by receivers "
                + counts.refusedRequests() + ", took " + counts.took().toSeconds() + " s";
        System.out.println(text);
        try {
            Path dir = Files.createDirectories(Path.of("target", "reliability"));
            Files.writeString(dir.resolve(counts.test() + ".md"), "# " + counts.test() + "\n\n" + counts.fault() + "\n\n"
                    + HEADER + counts.line() + "\n\n" + text + "\n");
            Path all = dir.resolve("summary.md");
            if (!Files.exists(all)) {
                Files.writeString(all, HEADER);
            }
            Files.writeString(all, counts.line() + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
