package com.penguinmails.webhooks.reliability;

import org.junit.jupiter.api.Test;

/**
 * The Kafka broker stopped, or killed, and started again on the same log folder and port a third into the load:
 * ingest refuses events while it is down (the load posts them again, same ids), every service reconnects, and every
 * event is delivered and logged.
 */
class BrokerRestartFaultTests {

    @Test
    void restartingTheBrokerMidLoadLosesNothing() throws Exception {
        try (FaultRun run = new FaultRun("broker-restart", "Kafka broker stopped (SIGTERM) and started again a third into the load")) {
            Load load = run.startLoad();
            load.awaitSent(load.events() / 3);
            run.cluster.broker().stop();
            try {
                Thread.sleep(5_000); // down for a moment: producers and consumers see it gone, not just a blip
            } finally {
                run.cluster.broker().startAgain();
            }
            run.reconcile();
        }
    }

    @Test
    void killingTheBrokerMidLoadLosesNothing() throws Exception {
        try (FaultRun run = new FaultRun("broker-kill", "kill -9 of the Kafka broker a third into the load, started again 5 s later")) {
            Load load = run.startLoad();
            load.awaitSent(load.events() / 3);
            run.cluster.broker().kill();
            try {
                Thread.sleep(5_000);
            } finally {
                run.cluster.broker().startAgain();
            }
            run.reconcile();
        }
    }
}
