package com.penguinmails.webhooks.dispatcher.delivery;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

import com.penguinmails.webhooks.dispatcher.limits.InFlightLimit;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.core.publisher.Sinks;

/**
 * One attempt's slot in its lane and, once its call is under way, the race between the call's end and its hand-off:
 * whichever comes first wins. A call that ends first gives its outcome to the record's road, which routes it and
 * frees the slot. A call still running when the record is handed off keeps the slot: the road routes a
 * {@link DeliveryOutcome.HandedOff} (the safety net) and moves on, so a slow endpoint does not hold back the partition,
 * and the call routes its own outcome when it ends (see {@link DeliveryPipeline}).
 */
final class HandOffRace {

    private enum State {
        /** No call started (the attempt was skipped, deferred or failed at once). */
        NO_CALL,
        /** The call is under way and the record still waits for it. */
        RUNNING,
        /** The call ended first: its outcome is the road's. */
        FINISHED,
        /** The record moved on first: the call routes its own outcome. */
        HANDED_OFF
    }

    private final AtomicReference<State> state = new AtomicReference<>(State.NO_CALL);
    private final Sinks.One<Signal<DeliveryOutcome>> ended = Sinks.one();
    private final InFlightLimit lane;

    /** @param lane the lane whose slot the attempt holds, freed once by whoever holds it last */
    HandOffRace(InFlightLimit lane) {
        this.lane = lane;
    }

    /**
     * Starts the call now. If it is handed off before it ends, its outcome goes to {@code routeLate} when it ends (a
     * call that fails instead leaves the attempt to its safety net); either way it then frees the slot.
     */
    void start(Mono<DeliveryOutcome> call, Function<DeliveryOutcome, Mono<Void>> routeLate) {
        state.set(State.RUNNING);
        call.materialize().subscribe(end -> {
            if (state.compareAndSet(State.RUNNING, State.FINISHED)) {
                ended.tryEmitValue(end);
            } else {
                Mono<Void> late = end.hasValue() ? routeLate.apply(end.get()) : Mono.empty();
                late.doFinally(signal -> lane.release()).subscribe(done -> { }, error -> { });
            }
        });
    }

    /** The call's outcome (or failure), once it ends; only for a call that ends before any hand-off. */
    Mono<DeliveryOutcome> outcome() {
        return ended.asMono().dematerialize();
    }

    /**
     * Hands the call off if it is still running, with the outcome {@code handedOff} gives; if it ended meanwhile,
     * its own outcome instead.
     */
    Mono<DeliveryOutcome> handOff(Supplier<DeliveryOutcome> handedOff) {
        return Mono.defer(() -> state.compareAndSet(State.RUNNING, State.HANDED_OFF) ? Mono.fromSupplier(handedOff) : outcome());
    }

    /**
     * The record's road is over (its outcome routed, or the road failed or was given up): frees the slot, unless a
     * handed-off call still holds it. A road given up while its call runs (not expected: the listeners never cancel)
     * leaves the call to route its own outcome, as if it were handed off.
     */
    void roadEnded() {
        state.compareAndSet(State.RUNNING, State.HANDED_OFF);
        if (state.get() != State.HANDED_OFF) {
            lane.release();
        }
    }
}
