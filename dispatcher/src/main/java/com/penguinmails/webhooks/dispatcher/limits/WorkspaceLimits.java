package com.penguinmails.webhooks.dispatcher.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.dispatcher.DispatcherProperties;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.WorkspaceDeliveryState;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The per-workspace delivery rate of its plan: a Bucket4j token bucket per workspace (the plan's rate per second,
 * bursts up to one second's worth). A delivery over the limit is deferred by the caller, never dropped. When a
 * workspace starts being throttled, and again when it has gone {@code quiet-after} without a deferral, its state is
 * published on {@link Topics#WORKSPACE_STATE} so management-api and the dashboard can say so.
 *
 * <p>Event topics are keyed by workspace, so a workspace's first attempts are all consumed by one dispatcher and its
 * bucket there is the workspace's limit; retries and replays, keyed by webhook, count against the bucket of whichever
 * dispatcher makes them.
 */
@Component
public class WorkspaceLimits implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WorkspaceLimits.class);

    private final DispatcherProperties.RateLimits settings;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Clock clock;
    private final Map<String, Throttle> throttles = new ConcurrentHashMap<>();
    private volatile Disposable sweeper;

    public WorkspaceLimits(DispatcherProperties properties, KafkaTemplate<String, byte[]> kafka, Clock clock) {
        this.settings = properties.rateLimits();
        this.kafka = kafka;
        this.clock = clock;
    }

    /** Takes one delivery from the workspace's budget; false when it is spent (the delivery must be deferred). */
    public boolean tryAcquire(String workspaceId, String plan) {
        String effectivePlan = plan == null || plan.isBlank() ? settings.defaultPlan() : plan;
        Throttle throttle = throttles.computeIfAbsent(workspaceId, id -> new Throttle(id, effectivePlan, settings.perSecond(effectivePlan)));
        if (!throttle.plan.equals(effectivePlan)) {
            // the plan changed: a fresh bucket at the new rate
            Throttle changed = new Throttle(workspaceId, effectivePlan, settings.perSecond(effectivePlan));
            throttles.put(workspaceId, changed);
            throttle = changed;
        }
        if (throttle.bucket.tryConsume(1)) {
            return true;
        }
        throttle.deferred(clock.instant());
        return false;
    }

    /** Ends the throttled state of workspaces that went quiet, and tells management-api. */
    void sweep() {
        Instant now = clock.instant();
        for (Throttle throttle : throttles.values()) {
            throttle.endIfQuiet(now);
        }
    }

    @Override
    public void start() {
        sweeper = Flux.interval(settings.quietAfter().dividedBy(2)).subscribe(tick -> sweep());
    }

    @Override
    public void stop() {
        Disposable running = sweeper;
        if (running != null) {
            running.dispose();
        }
        sweeper = null;
    }

    @Override
    public boolean isRunning() {
        return sweeper != null;
    }

    private void publish(WorkspaceDeliveryState state) {
        Mono.fromFuture(() -> kafka.send(new ProducerRecord<>(Topics.WORKSPACE_STATE, state.workspaceId(), Json.write(state))))
                .subscribe(sent -> { }, error -> log.warn("could not publish the delivery state of {}", state.workspaceId(), error));
    }

    /** One workspace's bucket and throttled state. */
    private final class Throttle {

        private final String workspaceId;
        private final String plan;
        private final long perSecond;
        private final Bucket bucket;
        private final AtomicLong deferred = new AtomicLong();
        private volatile Instant throttledSince;
        private volatile Instant lastDeferred;

        Throttle(String workspaceId, String plan, long perSecond) {
            this.workspaceId = workspaceId;
            this.plan = plan;
            this.perSecond = perSecond;
            this.bucket = Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                    .build();
        }

        void deferred(Instant now) {
            deferred.incrementAndGet();
            lastDeferred = now;
            if (throttledSince == null) {
                synchronized (this) {
                    if (throttledSince == null) {
                        throttledSince = now;
                        log.info("workspace {} is over its plan's {} deliveries/s ({}): deferring deliveries", workspaceId, perSecond, plan);
                        publish(new WorkspaceDeliveryState(workspaceId, plan, perSecond, true, now, 1));
                    }
                }
            }
        }

        synchronized void endIfQuiet(Instant now) {
            if (throttledSince != null && Duration.between(lastDeferred, now).compareTo(settings.quietAfter()) >= 0) {
                long total = deferred.getAndSet(0);
                log.info("workspace {} is back under its plan's limit after {} deferred deliveries", workspaceId, total);
                throttledSince = null;
                publish(new WorkspaceDeliveryState(workspaceId, plan, perSecond, false, now, 0));
            }
        }
    }
}
