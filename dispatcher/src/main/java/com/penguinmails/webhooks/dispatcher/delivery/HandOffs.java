package com.penguinmails.webhooks.dispatcher.delivery;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.stereotype.Component;

/**
 * The handed-off attempts this dispatcher finished, remembered for a while, so that their safety-net records (see
 * {@link DeliveryPipeline}) can be dropped when they come due. Only handed-off attempts are remembered, in a Caffeine
 * cache that forgets them after {@link #REMEMBER} (eviction is amortised, never a scan). Lost on a restart, which is
 * the point: after a crash the safety net makes the attempt again.
 */
@Component
class HandOffs {

    /** Longer than any safety net waits: the webhook's timeout (at most 30 s) plus 10 s, plus the scheduler's lateness. */
    static final Duration REMEMBER = Duration.ofMinutes(10);
    /** Far more than can be handed off in {@link #REMEMBER}: per-endpoint limits bound the calls that hang. */
    private static final long MAX_REMEMBERED = 1_000_000;

    private final Cache<String, Boolean> finished = Caffeine.newBuilder()
            .expireAfterWrite(REMEMBER).maximumSize(MAX_REMEMBERED).build();

    void finished(String attemptKey) {
        finished.put(attemptKey, Boolean.TRUE);
    }

    boolean isFinished(String attemptKey) {
        return finished.getIfPresent(attemptKey) != null;
    }
}
