package com.penguinmails.webhooks.management.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/**
 * The DDL of the event store's day partitions. Call it inside one transaction: {@link #lock()} first. Table names and
 * bounds are written into the statements (DDL takes no parameters); they come from {@link PartitionPlan} only, digits
 * and ISO instants, never from input.
 */
@Repository
class EventPartitionRepository {

    /** Key of the advisory lock that lets one instance at a time maintain the partitions. */
    private static final long LOCK_KEY = 0x7765626876656e74L;
    static final String DEFAULT_PARTITION = "webhook_events_default";

    private final DatabaseClient db;

    EventPartitionRepository(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Waits for the other instances' maintenance to end, until this transaction ends; DDL waiting longer than 10 s for
     * a lock (behind a long query) fails the round rather than queue inserts behind it.
     */
    Mono<Void> lock() {
        return db.sql("select pg_advisory_xact_lock(:key)").bind("key", LOCK_KEY).fetch().rowsUpdated()
                .then(db.sql("set local lock_timeout = '10s'").then());
    }

    /** The names of the partitions of {@code webhook_events}, the default one included. */
    Mono<List<String>> partitions() {
        return db.sql("""
                        select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
                        where i.inhparent = 'webhook_events'::regclass""")
                .map(row -> row.get("relname", String.class))
                .all().collectList();
    }

    /**
     * Adds the day's partition, moving into it the day's rows that the default partition took meanwhile (attaching
     * fails while the default holds any). The default is locked against inserts first, so that none slips in between
     * the move and the attach; an insert waiting on it is checked against the new bounds and retried by the listener.
     * Emits how many rows moved.
     */
    Mono<Long> addDay(LocalDate day) {
        String name = PartitionPlan.name(day);
        Instant from = PartitionPlan.start(day);
        Instant to = PartitionPlan.start(day.plusDays(1));
        return db.sql("lock table " + DEFAULT_PARTITION + " in exclusive mode").then()
                .then(db.sql("create table " + name + " (like webhook_events including defaults)").then())
                .then(db.sql("with moved as (delete from " + DEFAULT_PARTITION + " where created_at >= :from and created_at < :to"
                                + " returning id, workspace_id, event_type, envelope, created_at, stored_at)"
                                + " insert into " + name + " (id, workspace_id, event_type, envelope, created_at, stored_at)"
                                + " select id, workspace_id, event_type, envelope, created_at, stored_at from moved")
                        .bind("from", from).bind("to", to)
                        .fetch().rowsUpdated())
                .flatMap(moved -> db.sql("alter table webhook_events attach partition " + name
                                + " for values from ('" + from + "') to ('" + to + "')").then()
                        .thenReturn(moved));
    }

    /** Drops a whole day partition, rows and indexes, at once. */
    Mono<Void> drop(String partition) {
        if (PartitionPlan.day(partition).isEmpty()) {
            throw new IllegalArgumentException("not a day partition: " + partition);
        }
        return db.sql("drop table " + partition).then();
    }

    /**
     * Deletes the default partition's rows older than the cutoff, row by row: only events dated outside every day
     * partition are there, so few.
     */
    Mono<Long> deleteDefaultBefore(Instant cutoff) {
        return db.sql("delete from " + DEFAULT_PARTITION + " where created_at < :cutoff")
                .bind("cutoff", cutoff).fetch().rowsUpdated();
    }
}
