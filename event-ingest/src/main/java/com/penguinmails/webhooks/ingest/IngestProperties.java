package com.penguinmails.webhooks.ingest;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of event-ingest.
 *
 * @param maxBatchEvents  the most events one request may carry
 * @param maxBodySize     the largest request body accepted
 * @param keysLoadTimeout how long start-up waits for the API key view to load before failing
 * @param rateLimit       events per second one API key may send over HTTP (per instance)
 * @param dedupeWindow    how long an event id is remembered: a repeat within it is dropped as a duplicate
 */
@ConfigurationProperties("penguin.ingest")
public record IngestProperties(
        @DefaultValue("500") int maxBatchEvents,
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("60s") Duration keysLoadTimeout,
        @DefaultValue("1000") int rateLimit,
        @DefaultValue("24h") Duration dedupeWindow) {

    public IngestProperties {
        if (maxBatchEvents < 1) {
            throw new IllegalArgumentException("penguin.ingest.max-batch-events must be at least 1");
        }
        if (rateLimit < 1) {
            throw new IllegalArgumentException("penguin.ingest.rate-limit must be at least 1 event per second");
        }
    }
}
