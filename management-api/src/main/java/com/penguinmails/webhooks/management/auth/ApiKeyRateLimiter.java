package com.penguinmails.webhooks.management.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.management.ManagementProperties;

/**
 * A token bucket (Bucket4j) per API key: {@code penguin.management.rate-limit} requests per second with its burst, or
 * the key's own rate with bursts of one second's worth. Each instance limits on its own, so N instances behind a
 * balancer allow up to N times the rate.
 */
@Component
class ApiKeyRateLimiter {

    /** A key's bucket, and the rate it was made for: a changed rate gets a new bucket. */
    private record Limited(Integer ownRate, Bucket bucket) {
    }

    private final Map<String, Limited> buckets = new ConcurrentHashMap<>();
    private final ManagementProperties.RateLimit defaults;

    ApiKeyRateLimiter(ManagementProperties properties) {
        this.defaults = properties.rateLimit();
    }

    /** Zero when the key may make a request now, else how long until it may. */
    Duration acquire(String keyId, Integer ownRate) {
        Limited limited = buckets.compute(keyId, (id, current) ->
                current != null && java.util.Objects.equals(current.ownRate(), ownRate) ? current : new Limited(ownRate, bucket(ownRate)));
        ConsumptionProbe probe = limited.bucket().tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? Duration.ZERO : Duration.ofNanos(probe.getNanosToWaitForRefill());
    }

    private Bucket bucket(Integer ownRate) {
        long perSecond = ownRate != null ? ownRate : defaults.perSecond();
        long capacity = ownRate != null ? ownRate : defaults.burst();
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build();
    }
}
