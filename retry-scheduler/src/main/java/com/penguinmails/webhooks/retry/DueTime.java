package com.penguinmails.webhooks.retry;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The one field the scheduler reads from a delay-topic record; the rest is passed on byte for byte. */
record DueTime(@JsonProperty("due_at") Instant dueAt) {
}
