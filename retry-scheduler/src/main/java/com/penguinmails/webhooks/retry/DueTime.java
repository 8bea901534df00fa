package com.penguinmails.webhooks.retry;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The two fields the scheduler reads from a delay-topic record: when the delivery is due, and when the leg of its
 * wait on this tier ends (null: at {@code dueAt}). The rest is passed on untouched.
 */
record DueTime(@JsonProperty("due_at") Instant dueAt, @JsonProperty("hop_due_at") Instant hopDueAt) {

    /** When the record may leave this tier. */
    Instant leavesTierAt() {
        return hopDueAt != null ? hopDueAt : dueAt;
    }
}
