package com.penguinmails.webhooks.management.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.penguinmails.webhooks.model.AttemptOutcome;

class HealthPolicyTests {

    private final HealthPolicy policy = new HealthPolicy(5, 100);
    private static final HealthPolicy.State HEALTHY = new HealthPolicy.State(0, 0, false, true);

    @Test
    void becomesFailingOnTheFifthFailedDeliveryInARowOnly() {
        HealthPolicy.State state = HEALTHY;
        for (int i = 1; i <= 4; i++) {
            HealthPolicy.Transition t = policy.apply(state, AttemptOutcome.DEAD_LETTERED);
            assertThat(t.becameFailing()).as("delivery %d", i).isFalse();
            state = t.next();
        }
        HealthPolicy.Transition fifth = policy.apply(state, AttemptOutcome.DEAD_LETTERED);
        assertThat(fifth.becameFailing()).isTrue();
        assertThat(fifth.next().failing()).isTrue();
        assertThat(policy.apply(fifth.next(), AttemptOutcome.DEAD_LETTERED).becameFailing()).isFalse();
    }

    @Test
    void retriesCountAsFailedAttemptsButNotAsFailedDeliveries() {
        HealthPolicy.Transition t = policy.apply(new HealthPolicy.State(4, 10, false, true), AttemptOutcome.RETRY_SCHEDULED);
        assertThat(t.next().failedAttempts()).isEqualTo(11);
        assertThat(t.next().failedDeliveries()).isEqualTo(4);
        assertThat(t.becameFailing()).isFalse();
    }

    @Test
    void disablesAnActiveWebhookAtTheHundredthFailedAttempt() {
        assertThat(policy.apply(new HealthPolicy.State(3, 98, false, true), AttemptOutcome.RETRY_SCHEDULED).shouldDisable()).isFalse();
        assertThat(policy.apply(new HealthPolicy.State(3, 99, false, true), AttemptOutcome.RETRY_SCHEDULED).shouldDisable()).isTrue();
        assertThat(policy.apply(new HealthPolicy.State(3, 150, true, true), AttemptOutcome.DEAD_LETTERED).shouldDisable()).isTrue();
        assertThat(policy.apply(new HealthPolicy.State(3, 150, true, false), AttemptOutcome.DEAD_LETTERED).shouldDisable()).isFalse();
    }

    @Test
    void oneSuccessResetsBothStreaksAndClearsFailing() {
        HealthPolicy.Transition t = policy.apply(new HealthPolicy.State(7, 40, true, true), AttemptOutcome.DELIVERED);
        assertThat(t.next()).isEqualTo(HEALTHY);
        assertThat(t.recovered()).isTrue();
        assertThat(t.shouldDisable()).isFalse();
    }

    @Test
    void skippedEventsChangeNothing() {
        HealthPolicy.State state = new HealthPolicy.State(2, 3, false, false);
        assertThat(policy.apply(state, AttemptOutcome.SKIPPED).next()).isEqualTo(state);
    }
}
