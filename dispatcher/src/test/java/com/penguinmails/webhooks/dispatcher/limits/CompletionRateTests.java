package com.penguinmails.webhooks.dispatcher.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The completion rate an endpoint's queue is sized by, on a clock the test moves. */
class CompletionRateTests {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(5 * SECOND);
    private final CompletionRate rate = new CompletionRate(now::get);

    @Test
    void readsZeroUntilASecondHasBeenCounted() {
        completed(30);
        assertThat(rate.perSecond()).isZero();
    }

    @Test
    void readsTheLastFullSecond() {
        completed(30);
        now.addAndGet(SECOND);
        assertThat(rate.perSecond()).isEqualTo(30);
        completed(7);
        assertThat(rate.perSecond()).isEqualTo(30); // the second under way does not count yet
        now.addAndGet(SECOND);
        assertThat(rate.perSecond()).isEqualTo(7);
    }

    @Test
    void forgetsAnEndpointThatWentQuiet() {
        completed(30);
        now.addAndGet(2 * SECOND);
        assertThat(rate.perSecond()).isZero();
        completed(1);
        now.addAndGet(SECOND);
        assertThat(rate.perSecond()).isEqualTo(1);
    }

    private void completed(int calls) {
        for (int i = 0; i < calls; i++) {
            rate.completed();
        }
    }
}
