package com.penguinmails.webhooks.dispatcher.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import com.penguinmails.webhooks.dispatcher.DispatcherApplication;
import com.penguinmails.webhooks.dispatcher.DispatcherKafka;
import com.penguinmails.webhooks.dispatcher.Receiver;
import com.penguinmails.webhooks.dispatcher.subscription.SubscriptionIndex;
import com.penguinmails.webhooks.model.AttemptOutcome;
import com.penguinmails.webhooks.model.AttemptRecord;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.WebhookConfig;

/**
 * A rolling restart, one pod's part: a dispatcher asked to stop while calls are under way stops polling, lets the calls
 * finish and puts their outcomes on Kafka before it exits, so nothing is lost and nothing needs sending again.
 */
@EmbeddedKafka(partitions = 2)
class GracefulShutdownIntegrationTests {

    @Test
    void finishesTheCallsInFlightAndRecordsTheirOutcomesBeforeExiting(EmbeddedKafkaBroker broker) throws Exception {
        String brokers = broker.getBrokersAsString();
        try (Receiver slow = Receiver.answering(200, Duration.ofMillis(2500));
             DispatcherKafka kafka = new DispatcherKafka(brokers);
             Consumer<String, byte[]> attempts = kafka.reader(Topics.ATTEMPTS)) {
            ConfigurableApplicationContext dispatcher = DispatcherApplication.builder().run(
                    "--spring.kafka.bootstrap-servers=" + brokers, "--server.port=0", "--penguin.kafka.partitions=2",
                    "--penguin.dispatcher.secret-encryption-key=" + DispatcherKafka.ENCRYPTION_KEY,
                    "--penguin.dispatcher.allow-private-targets=true", "--penguin.dispatcher.hand-off-after=300ms");
            WebhookConfig webhook = kafka.webhook("ws_graceful", slow.url(), 10_000, null);
            SubscriptionIndex index = dispatcher.getBean(SubscriptionIndex.class);
            Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> index.webhook(webhook.id()).isPresent());
            Set<String> events = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                events.add(kafka.event("ws_graceful"));
            }
            Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> slow.inProgress() == 3);

            long start = System.nanoTime();
            dispatcher.close();
            long closeMillis = (System.nanoTime() - start) / 1_000_000;

            // the close waited for the three calls (each 2.5 s, already under way) and their outcomes
            assertThat(slow.answered()).isEqualTo(events);
            assertThat(closeMillis).isGreaterThan(500);
            List<AttemptRecord> seen = new ArrayList<>();
            Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> DispatcherKafka.poll(attempts, AttemptRecord.class, seen)
                    .stream().filter(a -> a.webhookId().equals(webhook.id())).count() >= 3);
            assertThat(seen).filteredOn(a -> a.webhookId().equals(webhook.id()))
                    .extracting(AttemptRecord::outcome).containsOnly(AttemptOutcome.DELIVERED);
            assertThat(seen).filteredOn(a -> a.webhookId().equals(webhook.id()))
                    .extracting(AttemptRecord::eventId).containsExactlyInAnyOrderElementsOf(events);
        }
    }
}
