package com.penguinmails.webhooks.reliability;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/** Bounded waits: poll a condition until it holds, or fail with what was awaited. Never a timed assertion. */
final class Poll {

    private static final Duration INTERVAL = Duration.ofMillis(500);

    private Poll() {
    }

    static void until(String what, Duration atMost, Callable<Boolean> condition) {
        until(what, atMost, condition, () -> "");
    }

    /** As {@link #until(String, Duration, Callable)}, adding {@code state} (what was seen last) to the failure. */
    static void until(String what, Duration atMost, Callable<Boolean> condition, Supplier<String> state) {
        long deadline = System.nanoTime() + atMost.toNanos();
        while (true) {
            try {
                if (condition.call()) {
                    return;
                }
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("while waiting for " + what, e);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("gave up after " + atMost.toSeconds() + " s waiting for " + what + " " + state.get());
            }
            try {
                Thread.sleep(INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
