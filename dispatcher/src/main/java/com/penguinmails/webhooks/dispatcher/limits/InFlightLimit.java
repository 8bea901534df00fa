package com.penguinmails.webhooks.dispatcher.limits;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A bound on deliveries in flight that waits without blocking: {@link #acquire()} completes at once while permits
 * are left and otherwise when one is released. While a consumed record waits here its listener's Mono is pending,
 * so the Kafka container stops polling: the backlog stays on Kafka, not in memory.
 */
public final class InFlightLimit {

    private final String name;
    private final int permits;
    private final Semaphore available;
    private final Queue<Sinks.One<Void>> waiting = new ConcurrentLinkedQueue<>();

    public InFlightLimit(String name, int permits) {
        if (permits < 1) {
            throw new IllegalArgumentException(name + ": at least one delivery must be allowed in flight");
        }
        this.name = name;
        this.permits = permits;
        this.available = new Semaphore(permits);
    }

    /** Completes when the caller holds a permit, which it must {@link #release()} exactly once. */
    public Mono<Void> acquire() {
        return Mono.defer(() -> {
            if (available.tryAcquire()) {
                return Mono.empty();
            }
            Sinks.One<Void> sink = Sinks.one();
            waiting.add(sink);
            if (available.tryAcquire()) {
                // a permit came free between the two checks; if a release handed us one through the sink too, give one back
                if (!waiting.remove(sink)) {
                    release();
                }
                return Mono.empty();
            }
            return sink.asMono().doOnCancel(() -> {
                if (!waiting.remove(sink)) {
                    release(); // the permit was handed over as we gave up
                }
            });
        });
    }

    /** Takes a permit if one is free at once. */
    public boolean tryAcquire() {
        return available.tryAcquire();
    }

    /** Frees a permit, handing it straight to the longest waiter if there is one. */
    public void release() {
        Sinks.One<Void> next;
        while ((next = waiting.poll()) != null) {
            if (next.tryEmitEmpty().isSuccess()) {
                return;
            }
        }
        available.release();
    }

    public int inFlight() {
        return permits - available.availablePermits();
    }

    public int waiting() {
        return waiting.size();
    }

    public String name() {
        return name;
    }
}
