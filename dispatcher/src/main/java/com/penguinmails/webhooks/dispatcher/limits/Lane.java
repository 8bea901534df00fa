package com.penguinmails.webhooks.dispatcher.limits;

/**
 * Where a delivery came from. Each lane has its own consumer and its own bound on calls in flight, so retries and
 * replays never take the capacity first attempts need.
 */
public enum Lane {
    FIRST_ATTEMPTS, RETRIES, REPLAYS
}
