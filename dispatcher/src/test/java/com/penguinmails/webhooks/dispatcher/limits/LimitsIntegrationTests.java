package com.penguinmails.webhooks.dispatcher.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.test.context.EmbeddedKafka;

import com.penguinmails.webhooks.dispatcher.DispatcherApplication;
import com.penguinmails.webhooks.dispatcher.DispatcherKafka;
import com.penguinmails.webhooks.dispatcher.Receiver;
import com.penguinmails.webhooks.dispatcher.subscription.SubscriptionIndex;
import com.penguinmails.webhooks.model.AttemptOutcome;
import com.penguinmails.webhooks.model.AttemptRecord;
import com.penguinmails.webhooks.model.DeliveryTask;
import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Ids;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.WebhookConfig;
import com.penguinmails.webhooks.model.WorkspaceDeliveryState;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The dispatcher alone against a real broker and real receivers on loopback, with small limits: an endpoint's
 * concurrency limit holds the surplus for a busy endpoint that answers and defers it to a delay topic for one that does
 * not, its circuit breaker stops calls to a failing endpoint, a
 * workspace over its plan's rate is deferred (not dropped) and reported throttled, and replays have a lane of their own.
 * No retry-scheduler runs here: the delay topics are read by the tests.
 */
@SpringBootTest(classes = DispatcherApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "spring.config.name=dispatcher",
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "penguin.kafka.partitions=2",
        "penguin.dispatcher.secret-encryption-key=" + DispatcherKafka.ENCRYPTION_KEY,
        "penguin.dispatcher.allow-private-targets=true",
        "penguin.dispatcher.retry-delays=1s",
        "penguin.dispatcher.hand-off-after=300ms",
        "penguin.dispatcher.endpoints.max-concurrency=2",
        "penguin.dispatcher.endpoints.circuit-window=4",
        "penguin.dispatcher.endpoints.circuit-minimum-calls=4",
        "penguin.dispatcher.endpoints.circuit-open-for=60s",
        "penguin.dispatcher.endpoints.defer-for=2s",
        "penguin.dispatcher.endpoints.max-wait=1s",
        "penguin.dispatcher.rate-limits.plans.tiny=5",
        "penguin.dispatcher.rate-limits.defer-for=2s",
        "penguin.dispatcher.rate-limits.quiet-after=2s",
        "penguin.dispatcher.due-consumers=2",
        "penguin.dispatcher.replay-consumers=2"})
@EmbeddedKafka(partitions = 2)
class LimitsIntegrationTests {

    private static final String[] DELAY_TOPICS = com.penguinmails.webhooks.model.schedule.DelayTiers.defaults().topics().toArray(String[]::new);

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @Autowired
    SubscriptionIndex index;

    @Autowired
    MeterRegistry meters;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    static Receiver slow;
    static Receiver broken;
    static Receiver fast;

    @BeforeAll
    static void receivers() throws Exception {
        // answers long after a waiting delivery gives up (max-wait 1 s), however the events are spread over polls
        slow = Receiver.answering(200, Duration.ofSeconds(5));
        broken = Receiver.answering(500, Duration.ZERO);
        fast = Receiver.answering(200, Duration.ZERO);
    }

    @AfterAll
    static void stopReceivers() {
        slow.close();
        broken.close();
        fast.close();
    }

    @Test
    void defersWhatASaturatedEndpointCannotTakeInsteadOfQueueingIt() throws Exception {
        try (DispatcherKafka kafka = new DispatcherKafka(brokers); Consumer<String, byte[]> delayed = kafka.reader(DELAY_TOPICS)) {
            WebhookConfig webhook = loaded(kafka.webhook("ws_saturated", slow.url(), 10_000, null));
            Set<String> events = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                events.add(kafka.event("ws_saturated"));
            }
            List<DeliveryTask> onDelayTopic = new ArrayList<>();
            // every event either reached the endpoint or waits on the delay topic (Kafka may hand a record over twice)
            Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> {
                Set<String> accounted = new HashSet<>(slow.eventIds());
                deferred(DispatcherKafka.poll(delayed, DeliveryTask.class, onDelayTopic), webhook)
                        .forEach(task -> accounted.add(task.event().id()));
                return accounted.equals(events);
            });

            // two calls at a time reached the endpoint; the other four wait on the delay topic, unattempted
            assertThat(slow.mostAtOnce()).isEqualTo(2);
            assertThat(new HashSet<>(slow.eventIds())).hasSize(2);
            List<DeliveryTask> deferred = deferred(onDelayTopic, webhook);
            assertThat(deferred.stream().map(task -> task.event().id()).distinct()).hasSize(4);
            assertThat(deferred).allSatisfy(task -> {
                assertThat(task.attempt()).isEqualTo(1);
                assertThat(task.dueAt()).isAfter(Instant.now().minusSeconds(30));
            });
        }
    }

    @Test
    void letsDeliveriesToABusyEndpointThatAnswersWaitForItsCallsInsteadOfDeferringThem() throws Exception {
        double deferredBefore = meters.counter("penguin.dispatcher.deferred", "reason", "endpoint_saturated").count();
        try (DispatcherKafka kafka = new DispatcherKafka(brokers); Receiver busy = Receiver.answering(200, Duration.ofMillis(20))) {
            loaded(kafka.webhook("ws_busy", busy.url(), 5_000, null));
            Set<String> events = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                events.add(kafka.event("ws_busy"));
            }
            Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> new HashSet<>(busy.eventIds()).containsAll(events));

            // never more than its two calls at once, each delivery sent once, none sent round a delay topic
            assertThat(busy.mostAtOnce()).isEqualTo(2);
            assertThat(busy.eventIds()).hasSize(20);
            assertThat(meters.counter("penguin.dispatcher.deferred", "reason", "endpoint_saturated").count()).isEqualTo(deferredBefore);
        }
    }

    @Test
    void opensTheCircuitOfAFailingEndpointSoItsAttemptsFailWithoutACall() throws Exception {
        try (DispatcherKafka kafka = new DispatcherKafka(brokers); Consumer<String, byte[]> attempts = kafka.reader(Topics.ATTEMPTS)) {
            WebhookConfig failing = loaded(kafka.webhook("ws_circuit", broken.url(), 5_000, null));
            WebhookConfig healthy = loaded(kafka.webhook("ws_circuit_healthy", fast.url(), 5_000, null));
            List<AttemptRecord> seen = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                // one at a time, so the concurrency limit plays no part
                int before = of(seen, failing).size();
                kafka.event("ws_circuit");
                Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() ->
                        of(DispatcherKafka.poll(attempts, AttemptRecord.class, seen), failing).size() > before);
            }
            String healthyEvent = kafka.event("ws_circuit_healthy");

            List<AttemptRecord> failed = of(seen, failing);
            assertThat(failed).extracting(AttemptRecord::outcome).containsOnly(AttemptOutcome.RETRY_SCHEDULED);
            assertThat(failed.subList(0, 4)).extracting(AttemptRecord::statusCode).containsOnly(500);
            assertThat(failed.subList(4, 7)).allSatisfy(attempt -> {
                assertThat(attempt.errorClass()).isEqualTo("circuit_open");
                assertThat(attempt.statusCode()).isNull();
                assertThat(attempt.error()).contains("circuit of http://127.0.0.1:").contains("is open");
                assertThat(attempt.nextAttemptAt()).isNotNull();
            });
            assertThat(broken.eventIds()).hasSize(4);
            // another endpoint is not affected
            Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> fast.answered().contains(healthyEvent));
            assertThat(of(DispatcherKafka.poll(attempts, AttemptRecord.class, seen), healthy)).isNotEmpty();
        }
    }

    @Test
    void defersAWorkspaceOverItsPlansRateSaysSoAndDeliversEverythingLater() throws Exception {
        double deferredBefore = meters.counter("penguin.dispatcher.deferred", "reason", "workspace_rate_limited").count();
        try (DispatcherKafka kafka = new DispatcherKafka(brokers);
             Consumer<String, byte[]> delayed = kafka.reader(DELAY_TOPICS);
             Consumer<String, byte[]> states = kafka.reader(Topics.WORKSPACE_STATE)) {
            Receiver own = Receiver.answering(200, Duration.ZERO);
            try (own) {
                WebhookConfig webhook = loaded(kafka.webhook("ws_tiny", own.url(), 5_000, "tiny"));
                Set<String> events = new HashSet<>();
                for (int i = 0; i < 20; i++) {
                    events.add(kafka.event("ws_tiny"));
                }
                List<WorkspaceDeliveryState> published = new ArrayList<>();
                Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() ->
                        DispatcherKafka.poll(states, WorkspaceDeliveryState.class, published).stream()
                                .anyMatch(state -> state.workspaceId().equals("ws_tiny") && state.throttled()));
                WorkspaceDeliveryState throttled = published.stream().filter(s -> s.workspaceId().equals("ws_tiny")).findFirst().orElseThrow();
                assertThat(throttled.plan()).isEqualTo("tiny");
                assertThat(throttled.limitPerSecond()).isEqualTo(5);

                // the scheduler's part, played by the test: what comes due goes back to the dispatcher until all arrived
                List<DeliveryTask> onDelayTopic = new ArrayList<>();
                Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> {
                    List<DeliveryTask> batch = DispatcherKafka.poll(delayed, DeliveryTask.class, new ArrayList<>());
                    for (DeliveryTask task : batch) {
                        if (task.webhookId().equals(webhook.id())) {
                            onDelayTopic.add(task);
                            kafka.send(Topics.DELIVERIES_DUE, task.webhookId(), Json.write(task), null);
                        }
                    }
                    return new HashSet<>(own.eventIds()).containsAll(events);
                });
                assertThat(onDelayTopic.size()).isGreaterThanOrEqualTo(10);
                assertThat(meters.counter("penguin.dispatcher.deferred", "reason", "workspace_rate_limited").count() - deferredBefore)
                        .isGreaterThanOrEqualTo(10);
                // and once it has been quiet, the workspace is reported no longer throttled
                Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() ->
                        DispatcherKafka.poll(states, WorkspaceDeliveryState.class, published).stream()
                                .filter(state -> state.workspaceId().equals("ws_tiny")).reduce((a, b) -> b)
                                .map(state -> !state.throttled()).orElse(false));
            }
        }
    }

    @Test
    void runsEachListenerWithTheConsumersItIsGivenAndTheDefaultOtherwise() {
        assertThat(consumers("dispatcher-events")).isEqualTo(2);
        assertThat(consumers("dispatcher-due")).isEqualTo(2);
        assertThat(consumers("dispatcher-replay")).isEqualTo(2);
    }

    private int consumers(String listenerId) {
        return ((ConcurrentMessageListenerContainer<?, ?>) listeners.getListenerContainer(listenerId)).getConcurrency();
    }

    @Test
    void deliversAReplayedDeliveryFromItsOwnTopic() throws Exception {
        try (DispatcherKafka kafka = new DispatcherKafka(brokers)) {
            WebhookConfig webhook = loaded(kafka.webhook("ws_replay", fast.url(), 5_000, null));
            EventEnvelope event = Json.read(EventType.EMAIL_OPENED.exampleJson(), EventEnvelope.class);
            EventEnvelope replayed = new EventEnvelope(Ids.newEventId(), event.type(), event.createdAt(), event.data());
            DeliveryTask task = new DeliveryTask(Ids.deliveryId(replayed.id(), webhook.id()), webhook.id(), "ws_replay",
                    replayed, 1, Instant.now());
            kafka.send(Topics.DELIVERIES_REPLAY, webhook.id(), Json.write(task), null);
            Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> fast.answered().contains(replayed.id()));
        }
    }

    @Test
    void retriesAV1WebhookAfterOneFiveAndThirtyMinutesThenGivesUp() throws Exception {
        try (DispatcherKafka kafka = new DispatcherKafka(brokers); Consumer<String, byte[]> attempts = kafka.reader(Topics.ATTEMPTS)) {
            // spec 003: "3 attempts ... retry intervals 1, 5, 30 minutes", read as three retries after the first attempt
            WebhookConfig v1 = loaded(kafka.webhook("ws_v1", broken.url(), 5_000, null, WebhookConfig.FLAVOR_V1, 4));
            EventEnvelope example = Json.read(EventType.EMAIL_OPENED.exampleJson(), EventEnvelope.class);
            EventEnvelope event = new EventEnvelope(Ids.newEventId(), example.type(), example.createdAt(), example.data());
            String deliveryId = Ids.deliveryId(event.id(), v1.id());
            List<AttemptRecord> seen = new ArrayList<>();
            // each attempt made as if it came due: the waits it schedules are the /v1 ones, and the fourth is the last
            for (int attempt = 1; attempt <= 4; attempt++) {
                DeliveryTask task = new DeliveryTask(deliveryId, v1.id(), "ws_v1", event, attempt, Instant.now());
                kafka.send(Topics.DELIVERIES_DUE, v1.id(), Json.write(task), null);
                int made = attempt;
                Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() ->
                        of(DispatcherKafka.poll(attempts, AttemptRecord.class, seen), v1).size() >= made);
            }
            List<AttemptRecord> made = of(seen, v1);
            assertThat(wait(made.get(0))).isBetween(Duration.ofSeconds(54), Duration.ofSeconds(66));
            assertThat(wait(made.get(1))).isBetween(Duration.ofSeconds(270), Duration.ofSeconds(330));
            assertThat(wait(made.get(2))).isBetween(Duration.ofMinutes(27), Duration.ofMinutes(33));
            assertThat(made.get(3).outcome()).isEqualTo(AttemptOutcome.DEAD_LETTERED);
            assertThat(made).extracting(AttemptRecord::maxAttempts).containsOnly(4);
        }
    }

    @Test
    void takesTheThirtyMinuteV1WaitAsTwoFifteenMinuteLegs() throws Exception {
        try (DispatcherKafka kafka = new DispatcherKafka(brokers);
             Consumer<String, byte[]> attempts = kafka.reader(Topics.ATTEMPTS);
             Consumer<String, byte[]> delayed = kafka.reader(DELAY_TOPICS)) {
            WebhookConfig v1 = loaded(kafka.webhook("ws_v1_legs", broken.url(), 5_000, null, WebhookConfig.FLAVOR_V1, 4));
            EventEnvelope example = Json.read(EventType.EMAIL_OPENED.exampleJson(), EventEnvelope.class);
            EventEnvelope event = new EventEnvelope(Ids.newEventId(), example.type(), example.createdAt(), example.data());
            DeliveryTask third = new DeliveryTask(Ids.deliveryId(event.id(), v1.id()), v1.id(), "ws_v1_legs", event, 3, Instant.now());
            kafka.send(Topics.DELIVERIES_DUE, v1.id(), Json.write(third), null);
            List<AttemptRecord> seen = new ArrayList<>();
            Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> !of(DispatcherKafka.poll(attempts, AttemptRecord.class, seen), v1).isEmpty());
            AttemptRecord failed = of(seen, v1).getFirst();
            assertThat(wait(failed)).isBetween(Duration.ofMinutes(27), Duration.ofMinutes(33));
            List<DeliveryTask> onDelayTopic = new ArrayList<>();
            Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() ->
                    DispatcherKafka.poll(delayed, DeliveryTask.class, onDelayTopic).stream().anyMatch(t -> t.webhookId().equals(v1.id())));
            DeliveryTask next = onDelayTopic.stream().filter(t -> t.webhookId().equals(v1.id())).findFirst().orElseThrow();
            // the first leg: fifteen minutes on the 15 m tier, then the scheduler takes it on
            assertThat(Duration.between(failed.attemptedAt(), next.hopDueAt())).isBetween(Duration.ofMinutes(15), Duration.ofMinutes(15).plusSeconds(5));
            assertThat(next.dueAt()).isEqualTo(failed.nextAttemptAt());
            assertThat(next.attempt()).isEqualTo(4);
        }
    }

    private static Duration wait(AttemptRecord attempt) {
        return Duration.between(attempt.attemptedAt(), attempt.nextAttemptAt());
    }

    private WebhookConfig loaded(WebhookConfig webhook) {
        Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> index.webhook(webhook.id()).isPresent());
        return webhook;
    }

    private static List<DeliveryTask> deferred(List<DeliveryTask> tasks, WebhookConfig webhook) {
        return tasks.stream().filter(task -> task.webhookId().equals(webhook.id()) && !task.safetyNet()).toList();
    }

    private static List<AttemptRecord> of(List<AttemptRecord> attempts, WebhookConfig webhook) {
        return attempts.stream().filter(attempt -> attempt.webhookId().equals(webhook.id())).toList();
    }
}
