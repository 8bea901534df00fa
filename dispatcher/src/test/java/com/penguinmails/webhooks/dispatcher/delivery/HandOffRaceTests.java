package com.penguinmails.webhooks.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.penguinmails.webhooks.dispatcher.limits.InFlightLimit;
import com.penguinmails.webhooks.model.AttemptOutcome;
import com.penguinmails.webhooks.model.AttemptRecord;
import com.penguinmails.webhooks.model.DeliveryTask;
import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Json;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.StepVerifier;

/** Whichever of the call's end and its hand-off comes first wins; the lane's slot is freed once, by whoever holds it last. */
class HandOffRaceTests {

    private static final DeliveryTask TASK = new DeliveryTask("dlv_1", "wh_1", "ws_1",
            Json.read(EventType.EMAIL_OPENED.exampleJson(), EventEnvelope.class), 1, Instant.EPOCH);
    private static final DeliveryOutcome DELIVERED = new DeliveryOutcome.Delivered(new AttemptRecord("dlv_1", "wh_1", "ws_1",
            "evt_1", "email.opened", 1, 6, AttemptOutcome.DELIVERED, "https://example.com", 200, 700, null, null, Map.of(),
            Map.of(), null, false, Instant.EPOCH, null, false, null));
    private static final DeliveryOutcome HANDED_OFF = new DeliveryOutcome.HandedOff(TASK, Instant.EPOCH.plusSeconds(15));

    private final InFlightLimit lane = new InFlightLimit("test", 1);
    private final Sinks.One<DeliveryOutcome> call = Sinks.one();
    private final List<DeliveryOutcome> routedLate = new ArrayList<>();

    @Test
    void aCallThatEndsFirstGivesItsOutcomeToTheRoadWhichFreesTheSlot() {
        HandOffRace race = started();
        call.tryEmitValue(DELIVERED);

        StepVerifier.create(race.outcome().timeout(Duration.ofSeconds(5), race.handOff(() -> HANDED_OFF)))
                .expectNext(DELIVERED).verifyComplete();
        assertThat(lane.inFlight()).isOne();
        race.roadEnded();
        assertThat(lane.inFlight()).isZero();
        assertThat(routedLate).isEmpty();
    }

    @Test
    void aCallStillRunningIsHandedOffKeepsTheSlotAndRoutesItsOwnOutcomeWhenItEnds() {
        HandOffRace race = started();

        StepVerifier.withVirtualTime(() -> race.outcome().timeout(Duration.ofMillis(500), race.handOff(() -> HANDED_OFF)))
                .expectSubscription()
                .expectNoEvent(Duration.ofMillis(499))
                .thenAwait(Duration.ofMillis(1))
                .expectNext(HANDED_OFF).verifyComplete();
        race.roadEnded();
        assertThat(lane.inFlight()).as("the handed-off call holds the slot").isOne();

        call.tryEmitValue(DELIVERED);
        assertThat(routedLate).containsExactly(DELIVERED);
        assertThat(lane.inFlight()).isZero();
    }

    @Test
    void aHandOffAfterTheCallEndedGivesTheCallsOutcome() {
        HandOffRace race = started();
        call.tryEmitValue(DELIVERED);

        StepVerifier.create(race.handOff(() -> HANDED_OFF)).expectNext(DELIVERED).verifyComplete();
        race.roadEnded();
        assertThat(routedLate).isEmpty();
        assertThat(lane.inFlight()).isZero();
    }

    @Test
    void aCallThatFailsFirstFailsTheRoad() {
        HandOffRace race = started();
        call.tryEmitError(new IllegalStateException("the broker is away"));

        StepVerifier.create(race.outcome()).expectErrorMessage("the broker is away").verify();
        race.roadEnded();
        assertThat(lane.inFlight()).isZero();
    }

    @Test
    void aHandedOffCallThatFailsLeavesTheAttemptToItsSafetyNetAndFreesTheSlot() {
        HandOffRace race = started();
        StepVerifier.create(race.handOff(() -> HANDED_OFF)).expectNext(HANDED_OFF).verifyComplete();
        race.roadEnded();

        call.tryEmitError(new IllegalStateException("the broker is away"));
        assertThat(routedLate).isEmpty();
        assertThat(lane.inFlight()).isZero();
    }

    @Test
    void aRoadGivenUpWhileItsCallRunsLeavesTheCallToRouteItsOwnOutcome() {
        HandOffRace race = started();
        Disposable road = race.outcome().doFinally(signal -> race.roadEnded()).subscribe();
        road.dispose();
        assertThat(lane.inFlight()).isOne();

        call.tryEmitValue(DELIVERED);
        assertThat(routedLate).containsExactly(DELIVERED);
        assertThat(lane.inFlight()).isZero();
    }

    @Test
    void anAttemptWithoutACallFreesTheSlotWhenItsRoadEnds() {
        HandOffRace race = new HandOffRace(lane);
        lane.tryAcquire();

        race.roadEnded();
        assertThat(lane.inFlight()).isZero();
    }

    private HandOffRace started() {
        assertThat(lane.tryAcquire()).isTrue();
        HandOffRace race = new HandOffRace(lane);
        race.start(call.asMono(), outcome -> Mono.fromRunnable(() -> routedLate.add(outcome)));
        return race;
    }
}
