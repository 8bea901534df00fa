package com.penguinmails.webhooks.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the retry scheduler while retries are pending: the receivers answer 503 to the first half of
 * the load, so its deliveries wait on the delay topics; the scheduler is killed, the receivers recover, and a new
 * scheduler, started 10 s later, picks the pending retries up from the committed offsets. Nothing is lost, nothing
 * dead-lettered. The load is twenty events per webhook: the health policy pauses a webhook after 100 consecutive failed
 * attempts (by design; its later events are then recorded as skipped, for a replay), and this test is about the
 * scheduler, not about pausing.
 */
class SchedulerKillFaultTests {

    @Test
    void killingTheSchedulerWithRetriesPendingLosesNothing() throws Exception {
        int webhooks = FaultRun.size("reliability.webhooks", 20);
        try (FaultRun run = new FaultRun("scheduler-kill", "receivers answer 503 for the first half; kill -9 of the retry scheduler "
                + "with retries pending; started again 10 s later", webhooks * 20, webhooks * 4)) {
            run.receivers.answer(503);
            Load load = run.startLoad();
            load.awaitSent(load.events() / 2);
            Poll.until("retries pending (requests answered 503)", Duration.ofSeconds(60), () -> run.receivers.refused() > 0);
            run.cluster.scheduler().kill();
            assertThat(run.cluster.scheduler().isAlive()).isFalse();
            run.receivers.answer(200);
            Thread.sleep(10_000); // retries fall due meanwhile, with no scheduler to relay them
            run.cluster.scheduler().start();
            run.reconcile();
        }
    }
}
