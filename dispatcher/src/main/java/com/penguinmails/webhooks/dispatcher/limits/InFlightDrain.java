package com.penguinmails.webhooks.dispatcher.limits;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.dispatcher.DispatcherProperties;

/**
 * Graceful shutdown: stops after the Kafka listener containers (so nothing new is polled) and waits, up to
 * {@code shutdown-grace}, for the calls in flight to finish and their outcomes to reach Kafka, before the producer is
 * closed. A call still running after that is not lost: its record was not committed, or its safety net is on a delay
 * topic, so another instance makes the attempt.
 */
@Component
class InFlightDrain implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(InFlightDrain.class);
    private static final long POLL_MILLIS = 50;

    private final DeliveryLanes lanes;
    private final Duration grace;
    private volatile boolean running;

    InFlightDrain(DeliveryLanes lanes, DispatcherProperties properties) {
        this.lanes = lanes;
        this.grace = properties.shutdownGrace();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        long deadline = System.nanoTime() + grace.toNanos();
        int inFlight = lanes.inFlight();
        if (inFlight > 0) {
            log.info("waiting up to {} s for {} deliveries in flight", grace.toSeconds(), inFlight);
        }
        while ((inFlight = lanes.inFlight()) > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (inFlight > 0) {
            log.warn("{} deliveries still in flight at shutdown: they are attempted again by another instance", inFlight);
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Below the listener containers' phase: stopped after them, started before them. */
    @Override
    public int getPhase() {
        return AbstractMessageListenerContainer.DEFAULT_PHASE - 100;
    }
}
