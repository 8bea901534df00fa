package com.penguinmails.webhooks.dispatcher.delivery;

import java.time.Duration;
import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.model.AttemptOutcome;
import com.penguinmails.webhooks.model.AttemptRecord;

/**
 * The {@code penguin.dispatcher.attempts} timer: one sample per HTTP attempt (or attempt failed without a call), tagged
 * with its outcome and the class of the receiver's status, so dashboards get deliveries/s, the success rate and
 * latency percentiles from one meter. Tags stay low-cardinality: never a webhook id or URL.
 */
@Component
class AttemptMetrics {

    static final String NAME = "penguin.dispatcher.attempts";

    private final MeterRegistry meters;

    AttemptMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** Records an attempt; a skipped delivery made no attempt and is not counted here. */
    void record(AttemptRecord attempt) {
        if (attempt.outcome() == AttemptOutcome.SKIPPED || attempt.test()) {
            return;
        }
        Timer.builder(NAME)
                .description("HTTP attempts to receivers, from the request's start to the response's end")
                .tag("outcome", attempt.outcome().name().toLowerCase(Locale.ROOT))
                .tag("status_class", statusClass(attempt.statusCode()))
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(meters)
                .record(Duration.ofMillis(attempt.durationMillis()));
    }

    /** {@code 2xx} … {@code 5xx}, or {@code none} when no response came (timeout, refused, circuit open). */
    static String statusClass(Integer statusCode) {
        if (statusCode == null || statusCode < 100 || statusCode > 599) {
            return "none";
        }
        return (statusCode / 100) + "xx";
    }
}
