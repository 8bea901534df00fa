package com.penguinmails.webhooks.dispatcher.limits;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.dispatcher.DispatcherProperties;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

/**
 * Guards each endpoint ({@code scheme://host:port} of a webhook URL) with a concurrency limit (a Resilience4j
 * semaphore bulkhead that never waits) and a circuit breaker fed with the outcome of every call. Admission never
 * blocks: a caller that is refused defers the delivery to a delay topic instead of holding it in memory.
 */
@Component
public class EndpointGuard {

    /** The failures that say the endpoint itself is unwell; a 4xx other than 429 is an answer, not an outage. */
    private static final Set<String> ENDPOINT_FAILURES = Set.of("timeout", "connection_refused", "connection", "tls", "dns");

    private final BulkheadRegistry bulkheads;
    /** Per endpoint: handed-off calls still running. While there are any, the endpoint counts as slow. */
    private final Map<String, AtomicInteger> handedOff = new ConcurrentHashMap<>();
    private final CircuitBreakerRegistry breakers;
    private final DispatcherProperties.Endpoints settings;

    public EndpointGuard(DispatcherProperties properties) {
        this.settings = properties.endpoints();
        this.bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(settings.maxConcurrency()).maxWaitDuration(Duration.ZERO).build());
        this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.circuitWindow())
                .minimumNumberOfCalls(settings.circuitMinimumCalls())
                .failureRateThreshold(settings.circuitFailureRatePercent())
                .waitDurationInOpenState(settings.circuitOpenFor())
                .permittedNumberOfCallsInHalfOpenState(settings.circuitTrialCalls())
                .build());
    }

    /** What {@link #admit} decided. */
    public sealed interface Admission {
        /** The call may go ahead; {@link Permit#complete} must be called once it is over. */
        record Admitted(Permit permit) implements Admission {
        }

        /** The endpoint already has as many calls in flight as it may. */
        record Saturated(String endpoint, int limit) implements Admission {
        }

        /** The endpoint's circuit is open: recent calls mostly failed; no call is made until {@code retryIn} passed. */
        record Open(String endpoint, float failureRatePercent, Duration retryIn) implements Admission {
        }
    }

    /** Asks to call the endpoint of {@code url}; never waits. */
    public Admission admit(String url) {
        String endpoint = endpointOf(url);
        CircuitBreaker breaker = breakers.circuitBreaker(endpoint);
        if (!breaker.tryAcquirePermission()) {
            return new Admission.Open(endpoint, breaker.getMetrics().getFailureRate(), settings.circuitOpenFor());
        }
        Bulkhead bulkhead = bulkheads.bulkhead(endpoint);
        if (!bulkhead.tryAcquirePermission()) {
            breaker.releasePermission();
            return new Admission.Saturated(endpoint, settings.maxConcurrency());
        }
        return new Admission.Admitted(new Permit(bulkhead, breaker, handedOff.computeIfAbsent(endpoint, e -> new AtomicInteger()),
                settings.slowAfterHandedOff()));
    }

    /** {@code scheme://host:port}, lower case, with the scheme's default port made explicit. */
    static String endpointOf(String url) {
        URI uri = URI.create(url);
        String scheme = uri.getScheme() == null ? "https" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : "http".equals(scheme) ? 80 : 443;
        return scheme + "://" + String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT) + ":" + port;
    }

    /** A call under way; completed exactly once, whatever happens. */
    public static final class Permit {

        private static final int RUNNING = 0;
        private static final int HANDED_OFF = 1;
        private static final int DONE = 2;

        private final Bulkhead bulkhead;
        private final CircuitBreaker breaker;
        private final AtomicInteger slowCalls;
        private final int slowAfter;
        private final AtomicInteger state = new AtomicInteger(RUNNING);

        Permit(Bulkhead bulkhead, CircuitBreaker breaker, AtomicInteger slowCalls, int slowAfter) {
            this.bulkhead = bulkhead;
            this.breaker = breaker;
            this.slowCalls = slowCalls;
            this.slowAfter = slowAfter;
        }

        /**
         * Whether the endpoint has several handed-off calls still running: a call to it is then likely to be slow too,
         * and is best handed off at once rather than after holding its record for the hand-off wait. (One slow call
         * is not enough: on a busy machine any endpoint has one now and then.)
         */
        public boolean endpointIsSlow() {
            return slowCalls.get() >= slowAfter;
        }

        /** Marks the call as handed off (it is still running): the endpoint counts as slow until it ends. */
        public void handedOff() {
            if (state.compareAndSet(RUNNING, HANDED_OFF)) {
                slowCalls.incrementAndGet();
            }
        }

        /**
         * Ends the call: frees its slot and tells the circuit breaker how it went. {@code errorClass} null with a
         * status is an answer; a status of 5xx or 429, or a network failure, counts against the endpoint; a call that
         * never reached the endpoint ({@code statusCode} and {@code errorClass} both null, or a refused target)
         * counts for nothing.
         */
        public void complete(Integer statusCode, String errorClass, long durationMillis) {
            int previous = state.getAndSet(DONE);
            if (previous == DONE) {
                return;
            }
            if (previous == HANDED_OFF) {
                slowCalls.decrementAndGet();
            }
            bulkhead.onComplete();
            boolean endpointFailed = (errorClass != null && ENDPOINT_FAILURES.contains(errorClass))
                    || (statusCode != null && (statusCode >= 500 || statusCode == 429));
            if (endpointFailed) {
                breaker.onError(durationMillis, TimeUnit.MILLISECONDS, new EndpointFailure(errorClass, statusCode));
            } else if (statusCode != null) {
                breaker.onSuccess(durationMillis, TimeUnit.MILLISECONDS);
            } else {
                breaker.releasePermission();
            }
        }

        /** Ends a call that was abandoned (cancelled) without an outcome. */
        public void abandon() {
            complete(null, null, 0);
        }
    }

    /** What the circuit breaker records of a failed call; never thrown. */
    private static final class EndpointFailure extends RuntimeException {
        EndpointFailure(String errorClass, Integer statusCode) {
            super(errorClass != null ? errorClass : "HTTP " + statusCode, null, false, false);
        }
    }
}
