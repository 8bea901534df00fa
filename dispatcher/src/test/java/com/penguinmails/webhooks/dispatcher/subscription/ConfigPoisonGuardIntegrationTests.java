package com.penguinmails.webhooks.dispatcher.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

import com.penguinmails.webhooks.dispatcher.DispatcherApplication;
import com.penguinmails.webhooks.dispatcher.DispatcherKafka;
import com.penguinmails.webhooks.model.Headers;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.WebhookConfig;

/**
 * Every dispatcher reads {@code webhooks.config} from the start at every start, so its view cannot park an unreadable
 * record without parking it again and again. The guard parks it once, and its committed offset survives a restart:
 * the restarted dispatcher parks only the poison that came since.
 */
@EmbeddedKafka(partitions = 1)
class ConfigPoisonGuardIntegrationTests {

    @Test
    void parksEachUnreadableConfigRecordOnceAcrossARestartWhileTheViewKeepsTheLastReadableValue(EmbeddedKafkaBroker broker) throws Exception {
        String brokers = broker.getBrokersAsString();
        try (DispatcherKafka kafka = new DispatcherKafka(brokers); Consumer<String, byte[]> poison = kafka.reader(Topics.POISON)) {
            List<ConsumerRecord<String, byte[]>> parked = new ArrayList<>();
            WebhookConfig poisoned = kafka.webhook("ws_guard", "http://127.0.0.1:9/a", 5_000, null);
            kafka.send(Topics.CONFIG, poisoned.id(), "not json \u0000".getBytes(StandardCharsets.UTF_8), null);
            WebhookConfig behind = kafka.webhook("ws_guard", "http://127.0.0.1:9/b", 5_000, null);

            try (ConfigurableApplicationContext dispatcher = start(brokers)) {
                SubscriptionIndex index = dispatcher.getBean(SubscriptionIndex.class);
                assertThat(index.webhook(poisoned.id())).hasValueSatisfying(w -> assertThat(w.url()).endsWith("/a"));
                assertThat(index.webhook(behind.id())).isPresent();
                awaitParked(poison, parked, "not json");
            }

            // while no dispatcher runs, one more bad record; then a restart
            kafka.send(Topics.CONFIG, behind.id(), "{\"timeout_millis\":1,\"max_attempts\":1}".getBytes(StandardCharsets.UTF_8), null);
            try (ConfigurableApplicationContext dispatcher = start(brokers)) {
                SubscriptionIndex index = dispatcher.getBean(SubscriptionIndex.class);
                assertThat(index.webhook(poisoned.id())).isPresent();
                assertThat(index.webhook(behind.id())).hasValueSatisfying(w -> assertThat(w.url()).endsWith("/b"));
                // the guard reads in order: once the new record is parked, a re-read of the old one would have been too
                awaitParked(poison, parked, "timeout_millis");
            }
            poison.poll(Duration.ofMillis(500)).forEach(parked::add);
            assertThat(parked).hasSize(2);
            assertThat(parked).extracting(r -> header(r, Headers.KAFKA_REJECT_CODE)).containsExactly("undecodable", "wrong_schema");
            assertThat(parked).extracting(r -> header(r, Headers.KAFKA_POISONED_BY)).containsOnly("dispatcher/dispatcher-config-guard");
        }
    }

    private static ConfigurableApplicationContext start(String brokers) {
        return DispatcherApplication.builder().run("--spring.kafka.bootstrap-servers=" + brokers, "--server.port=0",
                "--penguin.kafka.partitions=1", "--penguin.dispatcher.secret-encryption-key=" + DispatcherKafka.ENCRYPTION_KEY,
                "--penguin.dispatcher.allow-private-targets=true");
    }

    private static void awaitParked(Consumer<String, byte[]> poison, List<ConsumerRecord<String, byte[]>> parked, String valueStart) {
        Awaitility.await("a parked record starting with " + valueStart).atMost(30, TimeUnit.SECONDS).until(() -> {
            poison.poll(Duration.ofMillis(200)).forEach(parked::add);
            return parked.stream().anyMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(valueStart));
        });
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
