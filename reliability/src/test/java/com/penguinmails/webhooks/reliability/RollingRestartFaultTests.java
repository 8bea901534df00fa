package com.penguinmails.webhooks.reliability;

import org.junit.jupiter.api.Test;

/**
 * A rolling restart of every service during the load, one at a time as a deployment does it (SIGTERM, start, ready):
 * management-api, event-ingest, the retry scheduler and both dispatchers. The load is paced to last through it.
 */
class RollingRestartFaultTests {

    @Test
    void aRollingRestartOfAllServicesLosesNothing() throws Exception {
        int events = FaultRun.size("reliability.events", 2000);
        // a restart takes 10 to 20 s on two busy cores: spread the load over about two minutes
        try (FaultRun run = new FaultRun("rolling-restart", "every service stopped (SIGTERM) and started again, one after another, during the load",
                events, Math.max(10, events / 120))) {
            Load load = run.startLoad();
            load.awaitSent(Load.BATCH);
            for (ServiceProcess service : run.cluster.all()) {
                service.stop();
                service.start();
            }
            run.reconcile();
        }
    }
}
