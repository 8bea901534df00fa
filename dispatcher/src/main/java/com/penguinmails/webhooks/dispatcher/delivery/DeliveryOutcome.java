package com.penguinmails.webhooks.dispatcher.delivery;

import java.time.Instant;

import com.penguinmails.webhooks.model.AttemptRecord;
import com.penguinmails.webhooks.model.DeliveryTask;

/**
 * What one attempt of a delivery led to: the end of {@link DeliveryPipeline}'s road. {@link OutcomePublisher#route}
 * writes each kind to Kafka with one switch, and nothing else in the pipeline writes to Kafka.
 */
sealed interface DeliveryOutcome {

    /** An outcome the delivery log records: an attempt made, failed at once, or skipped. */
    sealed interface Logged extends DeliveryOutcome {
        AttemptRecord attempt();
    }

    /** The receiver answered 2xx. */
    record Delivered(AttemptRecord attempt) implements Logged {
    }

    /** The attempt failed; {@code next} waits on the delay topics until due. */
    record RetryScheduled(AttemptRecord attempt, DeliveryTask next) implements Logged {
    }

    /** The attempt failed and none are left, or the receiver answered 410 Gone. */
    record DeadLettered(AttemptRecord attempt, DeliveryTask task) implements Logged {
    }

    /** No request was made: the webhook is gone or not active. */
    record Skipped(AttemptRecord attempt) implements Logged {
    }

    /**
     * No attempt was made yet: the delivery waits on the delay topics until {@code until}, with the same attempt
     * number, because its workspace is over its rate or its endpoint is saturated.
     */
    record Deferred(DeliveryTask task, Reason reason, Instant until) implements DeliveryOutcome {

        /** Why a delivery was deferred, as the {@code reason} tag of {@code penguin.dispatcher.deferred}. */
        enum Reason {
            ENDPOINT_SATURATED("endpoint_saturated"),
            WORKSPACE_RATE_LIMITED("workspace_rate_limited");

            private final String tag;

            Reason(String tag) {
                this.tag = tag;
            }

            String tag() {
                return tag;
            }
        }
    }

    /**
     * The call was still running after {@code hand-off-after}: its record moves on, and a safety net of the attempt
     * waits on the delay topics until {@code safetyNetAt}, in case the call never routes its own outcome (a crash).
     */
    record HandedOff(DeliveryTask task, Instant safetyNetAt) implements DeliveryOutcome {
    }
}
