package com.penguinmails.webhooks.management.replay;

/** Examples of the replay API's bodies, shown in the OpenAPI document. */
final class ReplayExamples {

    static final String CREATE_REQUEST = """
            {"from": "2026-11-20T14:00:00Z",
             "to": "2026-11-25T16:00:00Z",
             "event_types": ["email.opened", "email.clicked"]}""";

    static final String RUNNING = """
            {"id": "rpl_01JD8X2M4Q9V7T3K5N6P8R0S2A",
             "webhook_id": "wh_01JD8X2M4Q9V7T3K5N6P8R0S2A",
             "event_types": ["email.opened", "email.clicked"],
             "from": "2026-11-20T14:00:00Z",
             "to": "2026-11-25T16:00:00Z",
             "state": "running",
             "events_found": 1247,
             "events_queued": 234,
             "deliveries_queued": 234,
             "events_per_second": 1000,
             "created_at": "2026-11-25T16:05:00Z",
             "updated_at": "2026-11-25T16:05:01Z",
             "finished_at": null,
             "error": null}""";

    static final String INVALID = """
            {"type": "about:blank",
             "title": "Invalid request",
             "status": 400,
             "detail": "The request has 2 invalid fields.",
             "errors": [
               {"field": "to", "reason": "to must be later than from."},
               {"field": "event_types[0]", "reason": "Unknown event type 'email.read'. Known types: email.sent, ..., or a whole category such as email.*."}]}""";

    private ReplayExamples() {
    }
}
