package com.penguinmails.webhooks.dispatcher.delivery;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.model.AttemptOutcome;
import com.penguinmails.webhooks.model.AttemptRecord;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.delivery.ErrorClass;
import com.penguinmails.webhooks.model.delivery.ResponseClassifier;

/**
 * The dispatcher's delivery meters, counted as {@link OutcomePublisher} routes each outcome: the
 * {@code penguin.dispatcher.attempts} timer, one sample per HTTP attempt (or attempt failed without a call) tagged with
 * its outcome and the class of the receiver's status, so dashboards get deliveries/s, the success rate and latency
 * percentiles from one meter; and counters of dead letters, deferrals by reason, hand-offs and attempts failed at once
 * by an open circuit. Tags stay low-cardinality: never a webhook id or URL.
 */
@Component
class DeliveryMetrics {

    static final String ATTEMPTS = "penguin.dispatcher.attempts";

    private final MeterRegistry meters;
    private final Counter deadLetters;
    private final Counter circuitOpen;
    private final Counter handedOff;
    private final Map<DeliveryOutcome.Deferred.Reason, Counter> deferred = new EnumMap<>(DeliveryOutcome.Deferred.Reason.class);

    DeliveryMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.deadLetters = Counter.builder("penguin.dispatcher.dead.letters")
                .description("deliveries whose attempts are exhausted, sent to " + Topics.DELIVERIES_DEAD).register(meters);
        this.circuitOpen = Counter.builder("penguin.dispatcher.circuit.open.attempts")
                .description("attempts failed at once because their endpoint's circuit was open").register(meters);
        this.handedOff = Counter.builder("penguin.dispatcher.handed.off")
                .description("calls still running when their record was committed (a safety net on a delay topic)").register(meters);
        for (DeliveryOutcome.Deferred.Reason reason : DeliveryOutcome.Deferred.Reason.values()) {
            deferred.put(reason, Counter.builder("penguin.dispatcher.deferred").tag("reason", reason.tag())
                    .description("deliveries put back on a delay topic without an attempt").register(meters));
        }
    }

    /** Records an attempt; a skipped delivery made no attempt and a test send is no delivery: neither is counted. */
    void attempted(AttemptRecord attempt) {
        if (attempt.outcome() == AttemptOutcome.SKIPPED || attempt.test()) {
            return;
        }
        if (ErrorClass.CIRCUIT_OPEN.wireName().equals(attempt.errorClass())) {
            circuitOpen.increment();
        }
        Timer.builder(ATTEMPTS)
                .description("HTTP attempts to receivers, from the request's start to the response's end")
                .tag("outcome", attempt.outcome().name().toLowerCase(Locale.ROOT))
                .tag("status_class", ResponseClassifier.statusClass(attempt.statusCode()))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(meters)
                .record(Duration.ofMillis(attempt.durationMillis()));
    }

    void deadLettered() {
        deadLetters.increment();
    }

    void deferred(DeliveryOutcome.Deferred.Reason reason) {
        deferred.get(reason).increment();
    }

    void handedOff() {
        handedOff.increment();
    }
}
