package com.penguinmails.webhooks.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * The receivers down for a while, then back: first refusing connections (stopped), then answering 503, then 200.
 * Everything arrives through retries. The load is ten events per webhook: the health policy pauses a webhook after 100
 * consecutive failed attempts (by design: its later events are then recorded as skipped, for a replay), and this
 * test is about retries, not about pausing.
 */
class ReceiverOutageFaultTests {

    @Test
    void everythingArrivesThroughRetriesAfterTheReceiversComeBack() throws Exception {
        int webhooks = FaultRun.size("reliability.webhooks", 20);
        try (FaultRun run = new FaultRun("receiver-outage", "receivers stopped (connections refused) for 10 s, then 503 for 10 s, then back",
                webhooks * 10, webhooks * 2)) {
            Load load = run.startLoad();
            load.awaitSent(load.events() / 5);
            run.receivers.stop();
            Thread.sleep(10_000);
            run.receivers.answer(503);
            run.receivers.startAgain();
            Poll.until("requests answered 503", Duration.ofSeconds(60), () -> run.receivers.refused() > 0);
            Thread.sleep(10_000);
            run.receivers.answer(200);
            assertThat(run.receivers.refused()).isPositive();
            run.reconcile();
        }
    }
}
