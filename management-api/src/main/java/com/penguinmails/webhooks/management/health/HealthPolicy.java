package com.penguinmails.webhooks.management.health;

import com.penguinmails.webhooks.model.AttemptOutcome;

/**
 * The webhook health state machine of spec 001, as a pure function: failed deliveries in a row make a webhook
 * {@code failing}; failed attempts in a row disable it; one success resets both streaks and clears {@code failing}.
 *
 * @param failingAfterDeliveries failed deliveries in a row that make a webhook failing (spec: 5)
 * @param disableAfterAttempts   failed attempts in a row that disable it (spec: 100)
 */
record HealthPolicy(int failingAfterDeliveries, int disableAfterAttempts) {

    /** A webhook's health as stored. */
    record State(int failedDeliveries, int failedAttempts, boolean failing, boolean active) {
    }

    /** The state after an attempt, and which thresholds it crossed just now. */
    record Transition(State next, boolean becameFailing, boolean shouldDisable, boolean recovered) {
    }

    Transition apply(State state, AttemptOutcome outcome) {
        return switch (outcome) {
            case DELIVERED -> new Transition(new State(0, 0, false, state.active()), false, false, state.failing());
            case SKIPPED -> new Transition(state, false, false, false);
            case RETRY_SCHEDULED -> crossed(state, new State(state.failedDeliveries(), state.failedAttempts() + 1,
                    state.failing(), state.active()));
            case DEAD_LETTERED -> crossed(state, new State(state.failedDeliveries() + 1, state.failedAttempts() + 1,
                    state.failing() || state.failedDeliveries() + 1 >= failingAfterDeliveries, state.active()));
        };
    }

    private Transition crossed(State before, State after) {
        boolean becameFailing = after.failing() && !before.failing();
        // also true when a crash left an over-threshold webhook active: the next failure disables it
        boolean shouldDisable = after.active() && after.failedAttempts() >= disableAfterAttempts;
        return new Transition(after, becameFailing, shouldDisable, false);
    }
}
