package com.penguinmails.webhooks.management.health;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.penguinmails.webhooks.model.AttemptOutcome;

class HealthPolicyTests {

    /** Spec 001: "After 5 failed attempts: mark webhook as failing, ... pause webhook after 100 consecutive failures". */
    private final HealthPolicy policy = new HealthPolicy(5, 100);
    private static final HealthPolicy.State HEALTHY = new HealthPolicy.State(0, false, true);

    @Test
    void becomesFailingOnTheFifthFailedAttemptInARowFirstAttemptsAndRetriesAlike() {
        AttemptOutcome[] outcomes = {AttemptOutcome.RETRY_SCHEDULED, AttemptOutcome.DEAD_LETTERED,
                AttemptOutcome.RETRY_SCHEDULED, AttemptOutcome.RETRY_SCHEDULED};
        HealthPolicy.State state = HEALTHY;
        for (AttemptOutcome outcome : outcomes) {
            HealthPolicy.Transition t = policy.apply(state, HealthPolicy.verdict(outcome, "http_status"));
            assertThat(t.becameFailing()).as("after %d failed attempts", t.next().failedAttempts()).isFalse();
            state = t.next();
        }
        HealthPolicy.Transition fifth = policy.apply(state, HealthPolicy.verdict(AttemptOutcome.RETRY_SCHEDULED, "timeout"));
        assertThat(fifth.becameFailing()).isTrue();
        assertThat(fifth.next()).isEqualTo(new HealthPolicy.State(5, true, true));
        assertThat(fifth.shouldDisable()).isFalse();
    }

    @Test
    void announcesFailingOncePerEpisode() {
        HealthPolicy.Transition sixth = policy.apply(new HealthPolicy.State(5, true, true), HealthPolicy.Verdict.FAILED);
        assertThat(sixth.becameFailing()).isFalse();
        assertThat(sixth.next().failing()).isTrue();
        // a success ends the episode; the next streak of five announces again
        HealthPolicy.State state = policy.apply(sixth.next(), HealthPolicy.Verdict.DELIVERED).next();
        for (int i = 1; i < 5; i++) {
            state = policy.apply(state, HealthPolicy.Verdict.FAILED).next();
        }
        assertThat(policy.apply(state, HealthPolicy.Verdict.FAILED).becameFailing()).isTrue();
    }

    @Test
    void disablesAnActiveWebhookAtTheHundredthFailedAttempt() {
        assertThat(policy.apply(new HealthPolicy.State(98, true, true), HealthPolicy.Verdict.FAILED).shouldDisable()).isFalse();
        assertThat(policy.apply(new HealthPolicy.State(99, true, true), HealthPolicy.Verdict.FAILED).shouldDisable()).isTrue();
        assertThat(policy.apply(new HealthPolicy.State(150, true, true), HealthPolicy.Verdict.FAILED).shouldDisable()).isTrue();
        assertThat(policy.apply(new HealthPolicy.State(150, true, false), HealthPolicy.Verdict.FAILED).shouldDisable()).isFalse();
    }

    @Test
    void oneDeliveredAttemptEndsTheStreakClearsFailingAndReportsTheRecovery() {
        HealthPolicy.Transition t = policy.apply(new HealthPolicy.State(40, true, true), HealthPolicy.Verdict.DELIVERED);
        assertThat(t.next()).isEqualTo(HEALTHY);
        assertThat(t.recovered()).isTrue();
        assertThat(t.shouldDisable()).isFalse();
        assertThat(policy.apply(new HealthPolicy.State(3, false, true), HealthPolicy.Verdict.DELIVERED).recovered())
                .as("nothing to recover from below the threshold").isFalse();
    }

    @Test
    void attemptsThatNeverReachedTheEndpointNeitherCountNorReset() {
        HealthPolicy.State state = new HealthPolicy.State(4, false, true);
        for (String notSent : new String[] {"circuit_open", "not_sent"}) {
            for (AttemptOutcome outcome : new AttemptOutcome[] {AttemptOutcome.RETRY_SCHEDULED, AttemptOutcome.DEAD_LETTERED}) {
                HealthPolicy.Verdict verdict = HealthPolicy.verdict(outcome, notSent);
                assertThat(verdict).isEqualTo(HealthPolicy.Verdict.NOT_SENT);
                HealthPolicy.Transition t = policy.apply(state, verdict);
                assertThat(t.next()).isEqualTo(state);
                assertThat(t.becameFailing() || t.shouldDisable() || t.recovered()).isFalse();
            }
        }
        // a thousand short-circuited attempts in a second pause nothing
        HealthPolicy.State after = state;
        for (int i = 0; i < 1000; i++) {
            after = policy.apply(after, HealthPolicy.Verdict.NOT_SENT).next();
        }
        assertThat(after).isEqualTo(state);
    }

    @Test
    void refusedAddressesTimeoutsAndGoneCountAsFailedAttempts() {
        for (String errorClass : new String[] {"refused_target", "timeout", "dns", "tls", "connection_refused", "connection", "http_status"}) {
            assertThat(HealthPolicy.verdict(AttemptOutcome.RETRY_SCHEDULED, errorClass)).as(errorClass).isEqualTo(HealthPolicy.Verdict.FAILED);
        }
        assertThat(HealthPolicy.verdict(AttemptOutcome.RETRY_SCHEDULED, null)).as("a failure without a class").isEqualTo(HealthPolicy.Verdict.FAILED);
        assertThat(HealthPolicy.verdict(AttemptOutcome.DELIVERED, null)).isEqualTo(HealthPolicy.Verdict.DELIVERED);
        // a 410 Gone dead-letters at once; it is one failed attempt here (management-api disables the webhook for it apart)
        assertThat(HealthPolicy.verdict(AttemptOutcome.DEAD_LETTERED, "http_status")).isEqualTo(HealthPolicy.Verdict.FAILED);
    }

    @Test
    void skippedEventsChangeNothing() {
        HealthPolicy.State state = new HealthPolicy.State(3, false, false);
        assertThat(HealthPolicy.verdict(AttemptOutcome.SKIPPED, null)).isEqualTo(HealthPolicy.Verdict.SKIPPED);
        assertThat(policy.apply(state, HealthPolicy.Verdict.SKIPPED).next()).isEqualTo(state);
    }
}
