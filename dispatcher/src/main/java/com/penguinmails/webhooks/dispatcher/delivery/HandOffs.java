package com.penguinmails.webhooks.dispatcher.delivery;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

/**
 * The attempts this dispatcher handed off and finished, remembered for a while, so that their safety-net records
 * (see {@link DeliveryPipeline}) can be dropped when they come due. Lost on a restart, which is the point: after a
 * crash the safety net makes the attempt again.
 */
@Component
class HandOffs {

    /** Longer than any safety net waits: timeout (at most 30 s) plus margin, plus the 1 m tier's delay. */
    static final Duration REMEMBER = Duration.ofMinutes(10);
    private static final int CLEAN_ABOVE = 100_000;

    private final Map<String, Long> finished = new ConcurrentHashMap<>();
    private final Clock clock;

    HandOffs(Clock clock) {
        this.clock = clock;
    }

    void finished(String attemptKey) {
        long now = clock.millis();
        finished.put(attemptKey, now);
        if (finished.size() > CLEAN_ABOVE) {
            finished.values().removeIf(at -> now - at > REMEMBER.toMillis());
        }
    }

    boolean isFinished(String attemptKey) {
        return finished.containsKey(attemptKey);
    }
}
