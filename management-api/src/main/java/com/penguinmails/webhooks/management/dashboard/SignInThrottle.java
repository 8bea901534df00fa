package com.penguinmails.webhooks.management.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing on the dashboard's sign-in: an e-mail address gets {@link #MAX_FAILURES} failed
 * sign-ins, then one more every {@code WINDOW / MAX_FAILURES} (a token bucket, Bucket4j). While it has none left,
 * every sign-in for it is refused before the password is checked, the right one included, so guessing gains
 * nothing. A successful sign-in clears its count. Counted per address, whether or not a user has it (an answer
 * must not tell which addresses exist), and per instance, in memory: N instances allow N times as many guesses.
 */
@Component
class SignInThrottle {

    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** Addresses remembered at most; beyond that the least recently used are forgotten (a flood of made-up ones). */
    private static final long MAX_ADDRESSES = 100_000;

    private final Cache<String, Bucket> failures = Caffeine.newBuilder().maximumSize(MAX_ADDRESSES)
            .expireAfterAccess(WINDOW).build();
    private final TimeMeter time;

    SignInThrottle(Clock clock) {
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return Math.multiplyExact(clock.millis(), 1_000_000L);
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** Zero when the address may try to sign in now, else how long until it may. */
    Duration lockedFor(String username) {
        Bucket bucket = failures.getIfPresent(key(username));
        if (bucket == null) {
            return Duration.ZERO;
        }
        long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return Duration.ofNanos(nanos);
    }

    void failed(String username) {
        failures.get(key(username), address -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(MAX_FAILURES).refillGreedy(MAX_FAILURES, WINDOW).build())
                .withCustomTimePrecision(time).build())
                .tryConsume(1);
    }

    void succeeded(String username) {
        failures.invalidate(key(username));
    }

    private static String key(String username) {
        return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
    }
}
