package com.penguinmails.webhooks.dispatcher.delivery;

import com.penguinmails.webhooks.model.AttemptRecord;
import com.penguinmails.webhooks.model.DeliveryTask;

/** What one attempt led to; {@link OutcomePublisher} routes each kind with one switch. */
sealed interface DeliveryOutcome {

    AttemptRecord attempt();

    /** The receiver answered 2xx. */
    record Delivered(AttemptRecord attempt) implements DeliveryOutcome {
    }

    /** The attempt failed; {@code next} waits on {@code tier} until due. */
    record RetryScheduled(AttemptRecord attempt, DeliveryTask next) implements DeliveryOutcome {
    }

    /** The attempt failed and none are left. */
    record DeadLettered(AttemptRecord attempt, DeliveryTask task) implements DeliveryOutcome {
    }

    /** No request was made: the webhook is gone or not active. */
    record Skipped(AttemptRecord attempt) implements DeliveryOutcome {
    }
}
