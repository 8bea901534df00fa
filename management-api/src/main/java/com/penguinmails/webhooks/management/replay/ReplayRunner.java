package com.penguinmails.webhooks.management.replay;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.penguinmails.webhooks.management.ManagementProperties;
import com.penguinmails.webhooks.model.DeliveryTask;
import com.penguinmails.webhooks.model.Ids;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.management.rounds.PeriodicRounds;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Works through replay jobs, one batch at a time: claims a job whose next batch is due (its row locked, so no two
 * instances run it at once), reads its next events after the cursor, queues each to every webhook it matches now on
 * {@code webhooks.deliveries.replay} (the dispatcher's replays lane, apart from first attempts and retries), then moves
 * the cursor and sets when the next batch may run, all in one transaction. The job row is the whole state, so a
 * restart, here or on another instance, resumes from the cursor.
 *
 * <p>At least once: a crash after queuing a batch and before its commit queues that batch again. Receivers de-duplicate
 * on the delivery id, which is the same for the same event and webhook.
 *
 * <p>A replayed event to a webhook is the next attempt of its delivery: attempt 1 when the webhook never had the event,
 * n + 1 after n recorded attempts, so the delivery log keeps every attempt. Public for its lifecycle only.
 */
@Component
public class ReplayRunner extends PeriodicRounds {

    private static final int CONCURRENT_SENDS = 64;
    /** The most batches one round runs before the next tick, so a backlog of due jobs does not hold the loop. */
    private static final int BATCHES_PER_ROUND = 20;

    private final ReplayRepository replays;
    private final KafkaTemplate<String, byte[]> kafka;
    private final TransactionalOperator transaction;
    private final ManagementProperties.Replay properties;
    private final Clock clock;
    private final Sinks.Many<Long> kicks = Sinks.many().multicast().directBestEffort();

    ReplayRunner(ReplayRepository replays, KafkaTemplate<String, byte[]> kafka, TransactionalOperator transaction,
                 ManagementProperties properties, Clock clock) {
        this.replays = replays;
        this.kafka = kafka;
        this.transaction = transaction;
        this.properties = properties.replay();
        this.clock = clock;
    }

    /** Asks for a round now, so that a new job starts without waiting for the next tick. */
    void kick() {
        kicks.tryEmitNext(0L);
    }

    /** Runs the batches due now, up to a round's worth; emits how many ran. */
    Mono<Long> runDue() {
        return Mono.defer(this::runOneBatch)
                .repeat(BATCHES_PER_ROUND - 1)
                .takeUntil(ran -> !ran)
                .filter(ran -> ran)
                .count();
    }

    /** Claims one due job and runs its next batch in one transaction; emits whether there was one. */
    private Mono<Boolean> runOneBatch() {
        Instant now = clock.instant();
        return replays.claimDue(now)
                .flatMap(job -> batch(job, now).thenReturn(true))
                .as(transaction::transactional)
                .defaultIfEmpty(false);
    }

    private Mono<Void> batch(ReplayJob job, Instant now) {
        ReplayPace pace = new ReplayPace(Math.min(job.eventsPerSecond(), properties.eventsPerSecond()), properties.batchSize());
        return replays.activeTargets(job.workspaceId(), job.webhookId()).collectList().flatMap(targets -> {
            if (job.webhookId() != null && targets.isEmpty()) {
                return replays.fail(job.id(), "Webhook " + job.webhookId()
                        + " is no longer active (paused, disabled or deleted); start a new replay once it is active.", now);
            }
            return replays.nextEvents(job, pace.batchSize()).collectList().flatMap(events -> {
                if (events.isEmpty()) {
                    return replays.complete(job.id(), now);
                }
                List<DeliveryTask> matched = matches(job, events, targets, now);
                boolean last = events.size() < pace.batchSize();
                return numbered(matched)
                        .flatMap(tasks -> Flux.fromIterable(tasks).flatMap(this::send, CONCURRENT_SENDS).then()
                                .then(replays.saveProgress(job.id(), events.getLast(), events.size(), tasks.size(), last,
                                        now.plus(pace.pauseAfter(events.size())), now)));
            });
        });
    }

    /** A task for each event and each target it matches now, numbered attempt 1 for the time being; one per delivery. */
    private static List<DeliveryTask> matches(ReplayJob job, List<ReplayRepository.StoredEvent> events,
                                              List<ReplayTarget> targets, Instant now) {
        Map<String, DeliveryTask> tasks = new LinkedHashMap<>();
        for (ReplayRepository.StoredEvent stored : events) {
            for (ReplayTarget target : targets) {
                if (target.matches(job.workspaceId(), stored.event())) {
                    String deliveryId = Ids.deliveryId(stored.event().id(), target.webhookId());
                    tasks.putIfAbsent(deliveryId, new DeliveryTask(deliveryId, target.webhookId(), job.workspaceId(), stored.event(), 1, now));
                }
            }
        }
        return new ArrayList<>(tasks.values());
    }

    /** The tasks as the next attempts of their deliveries, after the attempts recorded so far. */
    private Mono<List<DeliveryTask>> numbered(List<DeliveryTask> tasks) {
        return replays.recordedAttempts(tasks.stream().map(DeliveryTask::deliveryId).toList())
                .map(recorded -> tasks.stream()
                        .map(task -> new DeliveryTask(task.deliveryId(), task.webhookId(), task.workspaceId(), task.event(),
                                recorded.getOrDefault(task.deliveryId(), 0) + 1, task.dueAt()))
                        .toList());
    }

    private Mono<Void> send(DeliveryTask task) {
        return Mono.fromFuture(() -> kafka.send(new ProducerRecord<>(Topics.DELIVERIES_REPLAY, task.webhookId(), Json.write(task)))).then();
    }

    @Override
    protected Flux<?> ticks() {
        return Flux.merge(Flux.interval(properties.pollInterval()), kicks.asFlux());
    }

    @Override
    protected Mono<?> round() {
        return runDue();
    }

    @Override
    protected String undone() {
        return "replay batch not run this round; it runs again from its cursor";
    }
}
