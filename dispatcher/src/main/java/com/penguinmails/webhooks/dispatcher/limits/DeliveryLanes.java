package com.penguinmails.webhooks.dispatcher.limits;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.dispatcher.DispatcherProperties;

/** The in-flight bound of each {@link Lane}, with gauges of calls in flight and records waiting for a slot. */
@Component
public class DeliveryLanes {

    private final Map<Lane, InFlightLimit> limits = new EnumMap<>(Lane.class);

    public DeliveryLanes(DispatcherProperties properties, MeterRegistry meters) {
        DispatcherProperties.InFlight inFlight = properties.inFlight();
        limits.put(Lane.FIRST_ATTEMPTS, new InFlightLimit("first_attempts", inFlight.firstAttempts()));
        limits.put(Lane.RETRIES, new InFlightLimit("retries", inFlight.retries()));
        limits.put(Lane.REPLAYS, new InFlightLimit("replays", inFlight.replays()));
        for (InFlightLimit limit : limits.values()) {
            Gauge.builder("penguin.dispatcher.in.flight", limit, InFlightLimit::inFlight)
                    .description("deliveries in flight, handed-off calls included").tag("lane", limit.name()).register(meters);
            Gauge.builder("penguin.dispatcher.waiting.for.slot", limit, InFlightLimit::waiting)
                    .description("consumed records waiting for an in-flight slot").tag("lane", limit.name()).register(meters);
        }
    }

    public InFlightLimit of(Lane lane) {
        return limits.get(lane);
    }

    /** Calls in flight in all lanes. */
    public int inFlight() {
        return limits.values().stream().mapToInt(InFlightLimit::inFlight).sum();
    }
}
