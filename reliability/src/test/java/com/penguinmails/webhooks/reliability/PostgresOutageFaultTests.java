package com.penguinmails.webhooks.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * PostgreSQL stopped for a minute (system property {@code reliability.outage-seconds}) a third into the load:
 * deliveries go on meanwhile (the dispatcher never touches the database), and once it is back the delivery log and
 * the event store catch up completely from Kafka.
 */
class PostgresOutageFaultTests {

    @Test
    void deliveriesContinueWhileTheDatabaseIsDownAndTheLogCatchesUp() throws Exception {
        Duration outage = Duration.ofSeconds(FaultRun.size("reliability.outage-seconds", 60));
        try (FaultRun run = new FaultRun("postgres-outage", "PostgreSQL stopped for " + outage.toSeconds() + " s a third into the load")) {
            Load load = run.startLoad();
            load.awaitSent(load.events() / 3);
            int before;
            int during;
            run.cluster.postgres().stop();
            try {
                before = run.receivers.accepted().size();
                Thread.sleep(outage);
                during = run.receivers.accepted().size() - before;
            } finally {
                run.cluster.postgres().startAgain();
            }
            assertThat(during).as("deliveries received while PostgreSQL was down").isPositive();
            System.out.println("reliability: postgres-outage: " + during + " deliveries received during the outage");
            run.reconcile();
        }
    }
}
