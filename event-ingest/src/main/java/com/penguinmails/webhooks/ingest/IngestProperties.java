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
 */
@ConfigurationProperties("penguin.ingest")
public record IngestProperties(
        @DefaultValue("500") int maxBatchEvents,
        @DefaultValue("1MB") DataSize maxBodySize,
        @DefaultValue("60s") Duration keysLoadTimeout) {

    public IngestProperties {
        if (maxBatchEvents < 1) {
            throw new IllegalArgumentException("penguin.ingest.max-batch-events must be at least 1");
        }
    }
}
