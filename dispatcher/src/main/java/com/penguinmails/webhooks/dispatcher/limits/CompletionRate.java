package com.penguinmails.webhooks.dispatcher.limits;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * Calls completed per second, counted over the last full second: how fast an endpoint frees its calls. Lock-free; a
 * second with no completion at all reads as zero.
 */
final class CompletionRate {

    private static final long SECOND = 1_000_000_000L;

    /** The second being counted, its count so far, and the count of the second before it. */
    private record Window(long second, long count, long previous) {
    }

    private final LongSupplier nanoClock;
    private final AtomicReference<Window> window;

    CompletionRate(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.window = new AtomicReference<>(new Window(second(), 0, 0));
    }

    void completed() {
        long now = second();
        window.updateAndGet(w -> w.second() == now ? new Window(now, w.count() + 1, w.previous())
                : new Window(now, 1, w.second() == now - 1 ? w.count() : 0));
    }

    /** Completions in the last full second. */
    long perSecond() {
        Window w = window.get();
        long now = second();
        if (w.second() == now) {
            return w.previous();
        }
        return w.second() == now - 1 ? w.count() : 0;
    }

    private long second() {
        return Math.floorDiv(nanoClock.getAsLong(), SECOND);
    }
}
