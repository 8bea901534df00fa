package com.penguinmails.webhooks.management.replay;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of a new replay. Times are text so that a malformed one is refused with its field and reason.
 *
 * @param from            the first moment of the range, inclusive (ISO-8601 with offset)
 * @param to              the end of the range, exclusive; a time after now is taken as now
 * @param eventTypes      the types to replay, or whole categories such as {@code email.*}; every type when left out
 * @param eventsPerSecond how fast to go, at most the configured pace (its default)
 */
public record ReplayRequest(
        @Schema(description = "First moment of the range, inclusive (ISO-8601 with offset)", example = "2026-11-20T14:00:00Z",
                requiredMode = Schema.RequiredMode.REQUIRED)
        String from,
        @Schema(description = "End of the range, exclusive (ISO-8601 with offset); a time after now is taken as now",
                example = "2026-11-25T16:00:00Z", requiredMode = Schema.RequiredMode.REQUIRED)
        String to,
        @Schema(description = "Event types or categories such as `email.*`; every type when left out", example = "[\"email.opened\", \"email.clicked\"]")
        List<String> eventTypes,
        @Schema(description = "Events read and queued per second, at most the server's pace (1,000 unless configured)", example = "200")
        Integer eventsPerSecond) {
}
