package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.penguinmails.webhooks.model.Json;

/**
 * A dead endpoint must not slow a healthy one: with one webhook whose receiver never answers in time (each attempt
 * waits out its 3 s timeout) and one healthy webhook on the same events, every healthy delivery arrives within less
 * than that timeout of its event being published (before the hand-off, the worst was about twice the timeout), and
 * every attempt to the hanging endpoint is still recorded once, as a timeout.
 */
class IsolationIntegrationTests {

    @Test
    void aHangingEndpointDoesNotHoldBackAHealthyOne() throws Exception {
        int events = 20;
        try (TestReceiver hanging = TestReceiver.answering(hang(events * 2)); TestReceiver healthy = TestReceiver.start()) {
            String hangingId = Tour.createWebhook(Map.of("url", hanging.url("/hang"), "events", List.of("campaign.launched"),
                    "timeout_seconds", 3, "retries_enabled", false)).get("id").asString();
            Tour.createWebhook(Map.of("url", healthy.url("/ok"), "events", List.of("campaign.launched")));
            List<Instant> published = new ArrayList<>();
            for (int i = 0; i < events; i++) {
                published.add(Instant.now());
                Tour.publish(Map.of("type", "campaign.launched", "data", Map.of("campaign_id", "camp_iso_" + i)));
                Thread.sleep(150);
            }
            // delivery is at least once (a consumer rebalance can repeat a record): judge each event by its first arrival
            java.util.Map<Integer, Instant> firstArrival = new java.util.concurrent.ConcurrentHashMap<>();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> {
                for (TestReceiver.Received request : healthy.received()) {
                    int index = Integer.parseInt(Json.mapper().readTree(request.body()).get("data").get("campaign_id").asString()
                            .substring("camp_iso_".length()));
                    firstArrival.merge(index, request.receivedAt(), (a, b) -> a.isBefore(b) ? a : b);
                }
                return firstArrival.size() == events;
            });
            Duration worst = Duration.ZERO;
            for (int index = 0; index < events; index++) {
                Duration latency = Duration.between(published.get(index), firstArrival.get(index));
                worst = latency.compareTo(worst) > 0 ? latency : worst;
            }
            System.out.println("isolation: worst healthy latency " + worst.toMillis() + " ms");
            assertThat(worst).isLessThan(Duration.ofSeconds(3));

            // the handed-off attempts finish and are logged once each; their safety nets, when due, send nothing more.
            // The test stack disables a webhook after 6 failed attempts in a row: events that reach the dispatcher after
            // that are recorded as skipped (how many depends on how fast this machine is)
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                var deliveries = Tour.deliveries(hangingId);
                return deliveries.size() == events && deliveries.valueStream()
                        .allMatch(d -> d.get("status").asString().equals("failed") || d.get("status").asString().equals("skipped"));
            });
            var failed = Tour.deliveries(hangingId).valueStream().filter(d -> d.get("status").asString().equals("failed")).toList();
            assertThat(failed).hasSizeGreaterThanOrEqualTo(6).allSatisfy(d -> {
                assertThat(d.get("attempts").asInt()).isEqualTo(1);
                // once enough calls timed out, the endpoint's circuit opens and the rest fail without a call
                assertThat(d.get("error_class").asString()).isIn("timeout", "circuit_open");
            });
            assertThat(failed.stream().filter(d -> d.get("error_class").asString().equals("timeout"))).isNotEmpty();
            // past the safety nets' due time (timeout + 10 s): had they re-sent, the endpoint would have seen each event twice
            Thread.sleep(Duration.ofSeconds(3 + 10 + 2));
            assertThat(hanging.received().size()).isLessThan(2 * events);
        }
    }

    private static TestReceiver.Answer[] hang(int count) {
        TestReceiver.Answer[] answers = new TestReceiver.Answer[count];
        for (int i = 0; i < count; i++) {
            answers[i] = new TestReceiver.Answer(200, Map.of(), "late", Duration.ofSeconds(10));
        }
        return answers;
    }
}
