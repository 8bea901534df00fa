package com.penguinmails.webhooks.model;

/** What one attempt led to. */
public enum AttemptOutcome {
    /** The receiver answered 2xx. */
    DELIVERED,
    /** The attempt failed and another is scheduled on a delay topic. */
    RETRY_SCHEDULED,
    /** The attempt failed and none are left: the delivery went to the dead-letter topic. */
    DEAD_LETTERED,
    /** No request was made: the webhook is gone or no longer active. */
    SKIPPED
}
