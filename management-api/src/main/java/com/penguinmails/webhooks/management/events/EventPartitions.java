package com.penguinmails.webhooks.management.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.penguinmails.webhooks.management.ManagementProperties;
import com.penguinmails.webhooks.management.rounds.PeriodicRounds;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Keeps the event store's day partitions: at start and every {@code penguin.management.event-maintenance-interval},
 * adds today's and the next days' partitions and drops the days older than {@code penguin.management.event-retention}.
 * Each round is one transaction under an advisory lock, so instances take turns and a failed round changes nothing
 * (the next one tries again). Public so that tests can run a round at another time.
 */
@Component
public class EventPartitions extends PeriodicRounds {

    private static final Logger log = LoggerFactory.getLogger(EventPartitions.class);

    private final EventPartitionRepository partitions;
    private final TransactionalOperator transaction;
    private final ManagementProperties properties;
    private final Clock clock;

    EventPartitions(EventPartitionRepository partitions, TransactionalOperator transaction, ManagementProperties properties, Clock clock) {
        this.partitions = partitions;
        this.transaction = transaction;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * What a round did.
     *
     * @param created            the days that got a partition
     * @param movedFromDefault   rows of those days taken out of the default partition
     * @param dropped            the partitions dropped, whole
     * @param deletedFromDefault rows of the default partition deleted for being older than the retention
     */
    public record Maintenance(List<LocalDate> created, long movedFromDefault, List<String> dropped, long deletedFromDefault) {
    }

    /** One round as if it were {@code now}: adds the missing partitions, then drops the expired ones. */
    public Mono<Maintenance> maintain(Instant now) {
        return partitions.lock()
                .then(partitions.partitions())
                .flatMap(existing -> {
                    PartitionPlan plan = PartitionPlan.at(now, properties.eventPartitionsAhead(), properties.eventRetention(), existing);
                    return Flux.fromIterable(plan.create())
                            .concatMap(partitions::addDay)
                            .reduce(0L, Long::sum)
                            .flatMap(moved -> Flux.fromIterable(plan.drop()).concatMap(partitions::drop)
                                    .then(partitions.deleteDefaultBefore(now.minus(properties.eventRetention())))
                                    .map(deleted -> new Maintenance(plan.create(), moved, plan.drop(), deleted)));
                })
                .as(transaction::transactional)
                .doOnNext(EventPartitions::report);
    }

    private static void report(Maintenance done) {
        if (done.movedFromDefault() > 0) {
            log.info("moved {} events from the default partition into their day's new partition (stored before it existed)",
                    done.movedFromDefault());
        }
        if (!done.created().isEmpty() || !done.dropped().isEmpty() || done.deletedFromDefault() > 0) {
            log.info("event store partitions: added days {}, dropped {}, deleted {} expired rows of the default partition",
                    done.created(), done.dropped(), done.deletedFromDefault());
        }
    }

    @Override
    protected Flux<?> ticks() {
        return Flux.interval(Duration.ZERO, properties.eventMaintenanceInterval());
    }

    @Override
    protected Mono<?> round() {
        return maintain(clock.instant());
    }

    @Override
    protected String undone() {
        return "event store partitions not maintained this round";
    }
}
