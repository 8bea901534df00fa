package com.penguinmails.webhooks.ingest.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.ingest.IngestProperties;

/**
 * Per-API-key token buckets (Bucket4j): {@code rate-limit} events per second, with bursts up to one second's worth
 * (at least one full batch). Each instance limits on its own, so N instances behind a balancer allow up to N times
 * the rate.
 */
@Component
class RateLimiter {

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final long perSecond;
    private final long capacity;

    RateLimiter(IngestProperties properties) {
        this.perSecond = properties.rateLimit();
        this.capacity = Math.max(properties.rateLimit(), properties.maxBatchEvents());
    }

    /** Zero when the events may go now, else how long to wait before trying again. */
    Duration acquire(String keyHash, int events) {
        Bucket bucket = buckets.computeIfAbsent(keyHash, k -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(events);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }
}
