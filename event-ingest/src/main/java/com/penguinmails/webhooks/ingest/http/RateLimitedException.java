package com.penguinmails.webhooks.ingest.http;

import java.time.Duration;

/** The key sent more events than its rate allows; the caller should wait {@link #retryAfter()}. */
class RateLimitedException extends RuntimeException {

    private final Duration retryAfter;

    RateLimitedException(Duration retryAfter) {
        super(null, null, false, false);
        this.retryAfter = retryAfter;
    }

    Duration retryAfter() {
        return retryAfter;
    }
}
