package com.penguinmails.webhooks.reliability;

import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of event-ingest (its exactly-once topology loses an open transaction, which is aborted and processed
 * again; its de-duplication store is restored from the changelog) and of management-api (its delivery log and event
 * store consumers lose what they had not committed, and read it again): each started again 5 s later, mid-load.
 */
class IngestAndApiKillFaultTests {

    @Test
    void killingIngestMidLoadLosesNothing() throws Exception {
        try (FaultRun run = new FaultRun("ingest-kill", "kill -9 of event-ingest a third into the load, started again 5 s later")) {
            Load load = run.startLoad();
            load.awaitSent(load.events() / 3);
            run.cluster.ingest().kill();
            Thread.sleep(5_000);
            run.cluster.ingest().start();
            run.reconcile();
        }
    }

    @Test
    void killingManagementApiMidLoadLosesNothing() throws Exception {
        try (FaultRun run = new FaultRun("management-api-kill", "kill -9 of management-api a third into the load, started again 5 s later")) {
            Load load = run.startLoad();
            load.awaitSent(load.events() / 3);
            run.cluster.api().kill();
            Thread.sleep(5_000);
            run.cluster.api().start();
            run.reconcile();
        }
    }
}
