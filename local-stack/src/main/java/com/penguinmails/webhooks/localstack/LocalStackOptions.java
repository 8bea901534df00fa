package com.penguinmails.webhooks.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How to run the local stack.
 *
 * @param dataDir          where Kafka's log, PostgreSQL's data and the encryption key live
 * @param apiPort          management-api (and the inspector)
 * @param ingestPort       event-ingest
 * @param dispatcherPort   the dispatcher's actuator
 * @param schedulerPort    the retry scheduler's actuator
 * @param kafkaPort        the Kafka broker's client listener
 * @param kafkaControllerPort the Kafka controller listener
 * @param postgresPort     PostgreSQL
 * @param apiKey           the demo workspace's admin key; generated (and kept in the data folder) when null
 * @param retryDelays      the dispatcher's retry delays; null for the product default (1m, 5m, 15m, 1h, 24h)
 * @param partitions       partitions of the work topics
 * @param services         the services to start, from {@link #ALL_SERVICES}; Kafka always starts, PostgreSQL and the
 *                         mail server only with management-api
 */
record LocalStackOptions(
        Path dataDir,
        int apiPort,
        int ingestPort,
        int dispatcherPort,
        int schedulerPort,
        int kafkaPort,
        int kafkaControllerPort,
        int postgresPort,
        String apiKey,
        List<Duration> retryDelays,
        int partitions,
        Set<String> services) {

    /** Every service, in the order the stack starts them. */
    static final List<String> ALL_SERVICES = List.of("management-api", "event-ingest", "dispatcher", "retry-scheduler");

    static final String DEMO_WORKSPACE_ID = "ws_demo";
    /** The demo workspace's admin, who gets its health e-mails (see {@code GET /inspector/mail}). */
    static final String DEMO_ADMIN_EMAIL = "admin@penguinmails.local";

    LocalStackOptions {
        services = Set.copyOf(services);
        for (String service : services) {
            if (!ALL_SERVICES.contains(service)) {
                throw new IllegalArgumentException("unknown service '" + service + "'; the services are " + String.join(", ", ALL_SERVICES));
            }
        }
        if (services.isEmpty()) {
            throw new IllegalArgumentException("no service to start; the services are " + String.join(", ", ALL_SERVICES));
        }
    }

    /** The whole system: every service. */
    LocalStackOptions(Path dataDir, int apiPort, int ingestPort, int dispatcherPort, int schedulerPort, int kafkaPort,
                      int kafkaControllerPort, int postgresPort, String apiKey, List<Duration> retryDelays, int partitions) {
        this(dataDir, apiPort, ingestPort, dispatcherPort, schedulerPort, kafkaPort, kafkaControllerPort, postgresPort,
                apiKey, retryDelays, partitions, Set.copyOf(ALL_SERVICES));
    }

    boolean runs(String service) {
        return services.contains(service);
    }

    boolean runsEverything() {
        return services.containsAll(ALL_SERVICES);
    }
}
