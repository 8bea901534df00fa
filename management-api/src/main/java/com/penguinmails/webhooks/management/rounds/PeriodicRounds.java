package com.penguinmails.webhooks.management.rounds;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Background work done in rounds while the application runs (publishing the outbox, maintaining partitions, running
 * replays): a round on every tick, one at a time, ticks that come during a round dropped. A failed round is logged
 * and the next tick tries again, so a database or broker outage delays the work and never ends it.
 */
public abstract class PeriodicRounds implements SmartLifecycle {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private volatile Disposable loop;

    /** When rounds run: an interval, and any kicks that ask for a round now. */
    protected abstract Flux<?> ticks();

    /** One round of the work. */
    protected abstract Mono<?> round();

    /** What a failed round left undone, for the log line (it is retried on the next tick). */
    protected abstract String undone();

    @Override
    public void start() {
        loop = ticks()
                .onBackpressureDrop()
                .concatMap(tick -> round().onErrorResume(e -> {
                    log.warn("{}; will retry: {}", undone(), e.toString());
                    return Mono.empty();
                }), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable current = loop;
        if (current != null) {
            current.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        Disposable current = loop;
        return current != null && !current.isDisposed();
    }
}
