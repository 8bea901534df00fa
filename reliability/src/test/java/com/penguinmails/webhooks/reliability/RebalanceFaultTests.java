package com.penguinmails.webhooks.reliability;

import org.junit.jupiter.api.Test;

/**
 * Dispatchers joining and leaving during the load: a third one joins, the first leaves and comes back, the third
 * leaves again. Each step rebalances the group; no delivery is lost and no partition stays stuck.
 */
class RebalanceFaultTests {

    @Test
    void dispatchersJoiningAndLeavingLoseNothingAndLeaveNoPartitionStuck() throws Exception {
        int events = FaultRun.size("reliability.events", 2000);
        try (FaultRun run = new FaultRun("rebalance", "a third dispatcher joins, the first leaves and rejoins, the third leaves, during the load",
                events, Math.max(10, events / 90))) {
            ServiceProcess first = run.cluster.dispatchers().getFirst();
            ServiceProcess third = run.cluster.dispatcher(3);
            Load load = run.startLoad();
            load.awaitSent(Load.BATCH);
            run.cluster.dispatchers().add(third.start());
            first.stop();
            first.start();
            third.stop();
            run.cluster.dispatchers().remove(third);
            run.reconcile();
        }
    }
}
