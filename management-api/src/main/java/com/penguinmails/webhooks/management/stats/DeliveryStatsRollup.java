package com.penguinmails.webhooks.management.stats;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.stereotype.Service;

import com.penguinmails.webhooks.model.AttemptOutcome;
import com.penguinmails.webhooks.model.AttemptRecord;
import reactor.core.publisher.Mono;

/**
 * Keeps the per-minute rollups behind the stats endpoints: the delivery log's listener hands it each batch's new
 * attempts (never a repeat, so nothing counts twice), in the log's transaction, and it adds them with one upsert.
 */
@Service
public class DeliveryStatsRollup {

    private final DeliveryStatsRepository stats;

    DeliveryStatsRollup(DeliveryStatsRepository stats) {
        this.stats = stats;
    }

    /** Adds newly recorded attempts to their webhooks' minutes; call it in the transaction that recorded them. */
    public Mono<Void> add(List<AttemptRecord> newAttempts) {
        List<MinuteRollup> rows = rollUp(newAttempts);
        return rows.isEmpty() ? Mono.empty() : stats.add(rows);
    }

    /**
     * Whether an attempt belongs in the stats: only requests that were made for real traffic (a skipped attempt made
     * none; a test send is someone trying the endpoint out).
     */
    static boolean counts(AttemptRecord attempt) {
        return attempt.outcome() != AttemptOutcome.SKIPPED && !attempt.test();
    }

    /** The attempts that count, summed per workspace, webhook and UTC minute, in key order (rows locked in one order). */
    static List<MinuteRollup> rollUp(List<AttemptRecord> attempts) {
        Map<Key, Sums> sums = new TreeMap<>(Comparator.comparing(Key::webhookId).thenComparing(Key::workspaceId)
                .thenComparing(Key::minute));
        for (AttemptRecord attempt : attempts) {
            if (counts(attempt)) {
                Key key = new Key(attempt.workspaceId(), attempt.webhookId(), attempt.attemptedAt().truncatedTo(ChronoUnit.MINUTES));
                sums.computeIfAbsent(key, k -> new Sums()).add(attempt);
            }
        }
        return sums.entrySet().stream().map(entry -> entry.getValue().row(entry.getKey())).toList();
    }

    private record Key(String workspaceId, String webhookId, Instant minute) {
    }

    private static final class Sums {
        private int sent;
        private int delivered;
        private int failed;
        private int deadLettered;
        private long durationSum;
        private long maxDuration;
        private final int[] buckets = new int[LatencyHistogram.BUCKETS];

        void add(AttemptRecord attempt) {
            long duration = Math.max(0, attempt.durationMillis());
            sent++;
            switch (attempt.outcome()) {
                case DELIVERED -> delivered++;
                case RETRY_SCHEDULED -> failed++;
                case DEAD_LETTERED -> {
                    failed++;
                    deadLettered++;
                }
                case SKIPPED -> throw new IllegalArgumentException("a skipped attempt made no request");
            }
            durationSum += duration;
            maxDuration = Math.max(maxDuration, duration);
            buckets[LatencyHistogram.bucket(duration)]++;
        }

        MinuteRollup row(Key key) {
            return new MinuteRollup(key.workspaceId(), key.webhookId(), key.minute(), sent, delivered, failed, deadLettered,
                    durationSum, maxDuration, buckets.clone());
        }
    }
}
