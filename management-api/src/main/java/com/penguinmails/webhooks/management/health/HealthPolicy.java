package com.penguinmails.webhooks.management.health;

import com.penguinmails.webhooks.model.AttemptOutcome;
import com.penguinmails.webhooks.model.delivery.ResponseClassifier;

/**
 * The webhook health state machine of spec 001 ("After 5 failed attempts: mark webhook as failing, send email
 * notification to admin, pause webhook after 100 consecutive failures"), as a pure function over a webhook's
 * consecutive failed attempts, first attempts and retries alike, across its deliveries: at {@code failingAfterAttempts}
 * the webhook is failing, at {@code disableAfterAttempts} it is paused, and one delivered attempt ends the streak and
 * clears failing.
 *
 * <p>Only an attempt that went to the endpoint counts. One that was never sent, because the endpoint's circuit was
 * open or the request could not be signed, says nothing new about the endpoint: it neither adds to the streak nor
 * ends it, so a burst of short-circuited attempts cannot pause a webhook in a second.
 *
 * @param failingAfterAttempts failed attempts in a row that make a webhook failing (spec: 5)
 * @param disableAfterAttempts failed attempts in a row that pause it (spec: 100)
 */
record HealthPolicy(int failingAfterAttempts, int disableAfterAttempts) {

    /** What one attempt says about the endpoint's health. */
    enum Verdict {
        /** The endpoint answered 2xx. */
        DELIVERED,
        /** The request went out (or the endpoint's address was refused) and did not succeed. */
        FAILED,
        /** No request was made: the circuit was open or the request could not be signed. */
        NOT_SENT,
        /** No request was made: the webhook is gone or not active. */
        SKIPPED
    }

    /** A webhook's health as stored. */
    record State(int failedAttempts, boolean failing, boolean active) {
    }

    /** The state after an attempt, and which thresholds it crossed just now. */
    record Transition(State next, boolean becameFailing, boolean shouldDisable, boolean recovered) {
    }

    /**
     * What an attempt with this outcome and error class says about its endpoint's health: a failure the dispatcher
     * held back itself ({@link ResponseClassifier#heldBack}) is not sent; any other, one recorded without a class (an
     * older record, say) included, is a failure.
     */
    static Verdict verdict(AttemptOutcome outcome, String errorClass) {
        return switch (outcome) {
            case DELIVERED -> Verdict.DELIVERED;
            case SKIPPED -> Verdict.SKIPPED;
            case RETRY_SCHEDULED, DEAD_LETTERED -> ResponseClassifier.heldBack(errorClass) ? Verdict.NOT_SENT : Verdict.FAILED;
        };
    }

    Transition apply(State state, Verdict verdict) {
        return switch (verdict) {
            case DELIVERED -> new Transition(new State(0, false, state.active()), false, false, state.failing());
            case SKIPPED, NOT_SENT -> new Transition(state, false, false, false);
            case FAILED -> {
                int failed = state.failedAttempts() + 1;
                State next = new State(failed, state.failing() || failed >= failingAfterAttempts, state.active());
                // also true when a crash left an over-threshold webhook active: the next failure disables it
                yield new Transition(next, next.failing() && !state.failing(), next.active() && failed >= disableAfterAttempts, false);
            }
        };
    }
}
