package com.penguinmails.webhooks.dispatcher.limits;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.dispatcher.DispatcherProperties;
import com.penguinmails.webhooks.model.delivery.ErrorClass;
import com.penguinmails.webhooks.model.delivery.ResponseClassifier;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import reactor.core.publisher.Mono;

/**
 * Guards each endpoint ({@code scheme://host:port} of a webhook URL) with a concurrency limit and a circuit breaker
 * (Resilience4j) fed with the outcome of every call. Admission never blocks a thread. A delivery to a healthy endpoint
 * whose calls are all taken waits, without blocking, for one of them (up to {@code maxWait}, behind at most
 * {@code maxWaiting} others): a busy endpoint that answers fast frees a call within milliseconds. An endpoint that is
 * slow (several handed-off calls running) or whose queue is full counts as saturated: the caller defers the delivery
 * to a delay topic instead of holding it in memory.
 */
@Component
public class EndpointGuard {

    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    /** Webhook URL → endpoint, so that a URL is parsed once and not on every delivery. */
    private final Cache<String, Endpoint> byUrl = Caffeine.newBuilder().maximumSize(100_000).build();
    private final CircuitBreakerRegistry breakers;
    private final DispatcherProperties.Endpoints settings;

    public EndpointGuard(DispatcherProperties properties) {
        this.settings = properties.endpoints();
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

        /** The endpoint has as many calls in flight as it may, and is slow or has too many deliveries waiting. */
        record Saturated(String endpoint, int limit) implements Admission {
        }

        /** The endpoint's circuit is open: recent calls mostly failed; no call is made until {@code retryIn} passed. */
        record Open(String endpoint, float failureRatePercent, Duration retryIn) implements Admission {
        }
    }

    /**
     * Asks to call the endpoint of {@code url}. Completes at once, or once a call of the endpoint came free; never
     * blocks. A caller that cancels while waiting gives its place back.
     */
    public Mono<Admission> admit(String url) {
        Endpoint endpoint = byUrl.get(url, this::endpointFor);
        // the circuit is asked once a call is held (an open circuit has none running, so that is at once)
        if (endpoint.calls.tryAcquire()) {
            return Mono.just(endpoint.admitted());
        }
        if (endpoint.isSlow() || endpoint.calls.waiting() >= endpoint.mayWait()) {
            return Mono.just(endpoint.saturated());
        }
        return endpoint.calls.acquire()
                .timeout(settings.maxWait())
                .then(Mono.fromSupplier(endpoint::admitted))
                .onErrorResume(java.util.concurrent.TimeoutException.class, timedOut -> Mono.just(endpoint.saturated()));
    }

    private Endpoint endpointFor(String url) {
        String key = endpointOf(url);
        return endpoints.computeIfAbsent(key, k -> new Endpoint(k, new InFlightLimit(k, settings.maxConcurrency()),
                breakers.circuitBreaker(k)));
    }

    /** One endpoint's calls, circuit and handed-off calls. */
    private final class Endpoint {
        final String name;
        final InFlightLimit calls;
        final CircuitBreaker breaker;
        /** Handed-off calls still running. */
        final AtomicInteger handedOff = new AtomicInteger();
        final CallLatency latency = new CallLatency();

        Endpoint(String name, InFlightLimit calls, CircuitBreaker breaker) {
            this.name = name;
            this.calls = calls;
            this.breaker = breaker;
        }

        /**
         * How many deliveries may wait for a call: as many as the endpoint completes within {@code maxWait}, its
         * concurrency over its typical call duration (a busy endpoint that answers fast drains a long queue in no time;
         * a slow one would only hold lane slots until the wait runs out), at least {@code minWaiting} and at most
         * {@code maxWaiting}.
         */
        long mayWait() {
            long drained = latency.completedIn(settings.maxWait().toMillis(), settings.maxConcurrency());
            return Math.min(settings.maxWaiting(), Math.max(settings.minWaiting(), drained));
        }

        boolean isSlow() {
            return handedOff.get() >= settings.slowAfterHandedOff();
        }

        /** With one of the endpoint's calls held: the permit, or the circuit's refusal (the call is given back). */
        Admission admitted() {
            if (!breaker.tryAcquirePermission()) {
                calls.release();
                return open();
            }
            return new Admission.Admitted(new Permit(this));
        }

        Admission open() {
            return new Admission.Open(name, breaker.getMetrics().getFailureRate(), settings.circuitOpenFor());
        }

        Admission saturated() {
            return new Admission.Saturated(name, settings.maxConcurrency());
        }
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

        private final Endpoint endpoint;
        private final AtomicInteger state = new AtomicInteger(RUNNING);

        private Permit(Endpoint endpoint) {
            this.endpoint = endpoint;
        }

        /**
         * Whether the endpoint has several handed-off calls still running: a call to it is then likely to be slow too,
         * and is best handed off at once rather than after holding its record for the hand-off wait. (One slow call
         * is not enough: on a busy machine any endpoint has one now and then.)
         */
        public boolean endpointIsSlow() {
            return endpoint.isSlow();
        }

        /** Marks the call as handed off (it is still running): the endpoint counts as slow until it ends. */
        public void handedOff() {
            if (state.compareAndSet(RUNNING, HANDED_OFF)) {
                endpoint.handedOff.incrementAndGet();
            }
        }

        /**
         * Ends the call: frees its slot and tells the circuit breaker how it went, as {@link ResponseClassifier#circuit}
         * reads the answer (a 5xx, a 429 or a network failure counts against the endpoint; a call that never reached
         * it, such as a refused target or an abandoned call, counts for nothing).
         */
        public void complete(Integer statusCode, ErrorClass errorClass, long durationMillis) {
            int previous = state.getAndSet(DONE);
            if (previous == DONE) {
                return;
            }
            if (previous == HANDED_OFF) {
                endpoint.handedOff.decrementAndGet();
            }
            endpoint.calls.release();
            if (statusCode != null) {
                endpoint.latency.record(durationMillis);
            }
            CircuitBreaker breaker = endpoint.breaker;
            switch (ResponseClassifier.circuit(statusCode, errorClass)) {
                case FAILURE -> breaker.onError(durationMillis, TimeUnit.MILLISECONDS, new EndpointFailure(errorClass, statusCode));
                case SUCCESS -> breaker.onSuccess(durationMillis, TimeUnit.MILLISECONDS);
                case NOT_COUNTED -> breaker.releasePermission();
            }
        }

        /** Ends a call that was abandoned (cancelled) without an outcome. */
        public void abandon() {
            complete(null, null, 0);
        }
    }

    /** What the circuit breaker records of a failed call; never thrown. */
    private static final class EndpointFailure extends RuntimeException {
        EndpointFailure(ErrorClass errorClass, Integer statusCode) {
            super(errorClass != null ? errorClass.wireName() : "HTTP " + statusCode, null, false, false);
        }
    }
}
