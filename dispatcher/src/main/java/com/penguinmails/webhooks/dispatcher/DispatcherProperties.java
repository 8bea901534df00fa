package com.penguinmails.webhooks.dispatcher;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the dispatcher.
 *
 * @param secretEncryptionKey base64 of the 32-byte AES key that webhook secrets are encrypted with (shared with
 *                            management-api)
 * @param retryDelays         the wait after the first, second, … failed attempt; the last one repeats
 * @param v1RetryDelays       the same for webhooks of the compact {@code /v1} API (spec 003: 1 m, 5 m, 30 m)
 * @param retryJitter         the largest share of a retry's wait added or taken away at random (0.1 = ± 10 %)
 * @param allowPrivateTargets whether endpoints on loopback, private and link-local addresses may be called (the
 *                            local stack only: in production that would let a webhook reach internal services)
 * @param connectTimeout      how long opening a connection to a receiver may take
 * @param configLoadTimeout   how long start-up waits for the subscription index to load before failing
 * @param handOffAfter        how long a consumed record waits for an attempt before handing it off: the call goes
 *                            on in the background, a safety-net record goes to a delay topic, and the record's offset
 *                            can be committed, so one slow endpoint never holds back the partition
 * @param eventConsumers      consumer threads of the event topics (first attempts); more than the partitions this
 *                            instance is assigned leaves some idle
 * @param dueConsumers        consumer threads of {@code webhooks.deliveries.due} (retries, deferred deliveries, safety
 *                            nets)
 * @param replayConsumers     consumer threads of {@code webhooks.deliveries.replay} (deliveries replayed by hand)
 * @param inFlight            bounds on deliveries in flight in this instance, per lane
 * @param endpoints           per-endpoint concurrency limit and circuit breaker
 * @param rateLimits          per-workspace delivery rates by plan
 * @param shutdownGrace       how long a stopping dispatcher waits for calls in flight to finish
 */
@ConfigurationProperties("penguin.dispatcher")
public record DispatcherProperties(
        String secretEncryptionKey,
        @DefaultValue({"1m", "5m", "15m", "1h", "24h"}) List<Duration> retryDelays,
        @DefaultValue({"1m", "5m", "30m"}) List<Duration> v1RetryDelays,
        @DefaultValue("0.1") double retryJitter,
        @DefaultValue("false") boolean allowPrivateTargets,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("60s") Duration configLoadTimeout,
        @DefaultValue("500ms") Duration handOffAfter,
        @DefaultValue("2") int eventConsumers,
        @DefaultValue("1") int dueConsumers,
        @DefaultValue("1") int replayConsumers,
        @DefaultValue InFlight inFlight,
        @DefaultValue Endpoints endpoints,
        @DefaultValue RateLimits rateLimits,
        @DefaultValue("40s") Duration shutdownGrace) {

    public DispatcherProperties {
        if (secretEncryptionKey == null || secretEncryptionKey.isBlank()) {
            throw new IllegalArgumentException("penguin.dispatcher.secret-encryption-key is required (base64 of 32 bytes, the same as management-api's)");
        }
        if (retryDelays.isEmpty() || v1RetryDelays.isEmpty()) {
            throw new IllegalArgumentException("penguin.dispatcher.retry-delays and v1-retry-delays need at least one delay");
        }
        if (retryJitter < 0 || retryJitter >= 1) {
            throw new IllegalArgumentException("penguin.dispatcher.retry-jitter must be at least 0 and below 1");
        }
        if (eventConsumers < 1 || dueConsumers < 1 || replayConsumers < 1) {
            throw new IllegalArgumentException("penguin.dispatcher.event-consumers, due-consumers and replay-consumers need at least 1 consumer each");
        }
        retryDelays = List.copyOf(retryDelays);
        v1RetryDelays = List.copyOf(v1RetryDelays);
    }

    /**
     * Deliveries in flight at once in this instance (calls under way, handed-off ones included). When a lane is full
     * its consumer stops taking records until a call ends: the backlog waits on Kafka, not in memory.
     *
     * @param firstAttempts new events' deliveries
     * @param retries       deliveries that came due again (retries, deferred deliveries, safety nets)
     * @param replays       deliveries replayed by hand
     */
    public record InFlight(@DefaultValue("2000") int firstAttempts, @DefaultValue("500") int retries,
                           @DefaultValue("500") int replays) {
    }

    /**
     * Per endpoint ({@code scheme://host:port}): at most {@code maxConcurrency} calls at once, and a circuit breaker
     * that opens when {@code circuitFailureRatePercent} of the last {@code circuitWindow} calls (at least
     * {@code circuitMinimumCalls}) failed, stays open {@code circuitOpenFor}, then lets {@code circuitTrialCalls}
     * through. A delivery to an endpoint whose calls are all taken waits (without blocking) for one of them, up to
     * {@code maxWait}, behind no more others than the endpoint completes in {@code maxWait} (its concurrency over its
     * typical call time; at least {@code minWaiting}, at most {@code maxWaiting}); past that, or when the endpoint is
     * slow, the endpoint counts as saturated and the delivery is deferred by {@code deferFor}; while its circuit is open,
     * attempts fail at once ({@code circuit_open}) and follow the retry schedule. With {@code slowAfterHandedOff}
     * handed-off calls still running, an endpoint counts as slow and its next calls are handed off at once.
     */
    public record Endpoints(@DefaultValue("64") int maxConcurrency,
                            @DefaultValue("20") int circuitWindow,
                            @DefaultValue("10") int circuitMinimumCalls,
                            @DefaultValue("50") float circuitFailureRatePercent,
                            @DefaultValue("30s") Duration circuitOpenFor,
                            @DefaultValue("3") int circuitTrialCalls,
                            @DefaultValue("15s") Duration deferFor,
                            @DefaultValue("8") int slowAfterHandedOff,
                            @DefaultValue("64") int minWaiting,
                            @DefaultValue("2000") int maxWaiting,
                            @DefaultValue("2s") Duration maxWait) {
    }

    /**
     * Deliveries per second per workspace, by plan (the plan travels with each webhook's config). Over the limit,
     * deliveries are deferred by {@code deferFor}; a workspace is reported no longer throttled after
     * {@code quietAfter} without a deferral.
     */
    public record RateLimits(@DefaultValue("standard") String defaultPlan,
                             Map<String, Long> plans,
                             @DefaultValue("15s") Duration deferFor,
                             @DefaultValue("30s") Duration quietAfter) {

        /** The plans there are unless configured otherwise; configured plans add to or override them. */
        public static final Map<String, Long> DEFAULT_PLANS = Map.of("free", 50L, "standard", 500L, "enterprise", 5000L);

        public RateLimits {
            Map<String, Long> merged = new java.util.HashMap<>(DEFAULT_PLANS);
            if (plans != null) {
                merged.putAll(plans);
            }
            plans = Map.copyOf(merged);
            if (plans.values().stream().anyMatch(perSecond -> perSecond == null || perSecond < 1)) {
                throw new IllegalArgumentException("penguin.dispatcher.rate-limits.plans: every plan needs at least 1 delivery per second");
            }
            if (!plans.containsKey(defaultPlan)) {
                throw new IllegalArgumentException("penguin.dispatcher.rate-limits.plans has no limit for the default plan " + defaultPlan);
            }
        }

        /** The plan's deliveries per second; an unknown plan gets the default plan's. */
        public long perSecond(String plan) {
            return plans.getOrDefault(plan, plans.get(defaultPlan));
        }
    }
}
