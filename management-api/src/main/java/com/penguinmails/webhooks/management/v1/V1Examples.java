package com.penguinmails.webhooks.management.v1;

/** Examples of the {@code /v1} API's bodies, as spec 003 shows them, for the OpenAPI document. */
final class V1Examples {

    static final String CREATE_REQUEST = """
            {"url": "https://yourapp.com/webhooks/email",
             "events": ["delivered", "bounced", "complained"],
             "secret": "your-webhook-secret-value"}""";

    static final String WEBHOOK = """
            {"id": "wh_01JD8X2M4Q9V7T3K5N6P8R0S2A",
             "url": "https://yourapp.com/webhooks/email",
             "events": ["delivered", "bounced", "complained"],
             "active": true,
             "created_at": "2026-11-24T10:30:00Z"}""";

    static final String CREATED_WITH_SECRET = """
            {"id": "wh_01JD8X2M4Q9V7T3K5N6P8R0S2A",
             "url": "https://yourapp.com/webhooks/email",
             "events": ["delivered", "bounced", "complained"],
             "active": true,
             "created_at": "2026-11-24T10:30:00Z",
             "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}""";

    static final String LIST = "{\"data\": [" + WEBHOOK + "]}";

    static final String UPDATE_REQUEST = """
            {"events": ["delivered", "bounced", "complained", "opened"]}""";

    static final String PAUSE_REQUEST = """
            {"active": false}""";

    static final String INVALID = """
            {"type": "about:blank", "title": "Invalid request", "status": 400,
             "detail": "The request has 2 invalid fields.",
             "errors": [{"field": "events[1]", "reason": "Unknown event 'email.delivered'. Allowed events: queued, sending, delivered, bounced, complained, opened, clicked."},
                        {"field": "secret", "reason": "Secret must be at least 16 characters."}]}""";

    static final String NOT_FOUND = """
            {"type": "about:blank", "title": "Not found", "status": 404,
             "detail": "Webhook wh_01JD8X2M4Q9V7T3K5N6P8R0S2A was not found in this workspace."}""";

    static final String LOGS = """
            {"data": [{"id": "dlv_01JD8X3A7B2C4D6E8F0G1H3J5K",
                       "event_id": "evt_01JD8X39ZQ1W3E5R7T9Y1U3I5O",
                       "type": "delivered",
                       "status": "delivered",
                       "attempts": 1,
                       "max_attempts": 4,
                       "response_status_code": 200,
                       "duration_ms": 84,
                       "error": null,
                       "created_at": "2026-11-24T10:30:05Z",
                       "last_attempt_at": "2026-11-24T10:30:05Z",
                       "next_attempt_at": null}]}""";

    private V1Examples() {
    }
}
