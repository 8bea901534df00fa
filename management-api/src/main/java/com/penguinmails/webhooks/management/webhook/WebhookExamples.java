package com.penguinmails.webhooks.management.webhook;

/** Examples of the webhook API's bodies, shown in the OpenAPI document. */
final class WebhookExamples {

    static final String CREATE_REQUEST = """
            {"name": "CRM Contact Sync",
             "url": "https://crm.example.com/hooks/penguin",
             "events": ["email.opened", "email.clicked"],
             "timeout_seconds": 10,
             "max_retries": 3,
             "headers": {"X-Crm-Tenant": "acme"}}""";

    /** A webhook as the API shows it, without the closing brace: {@link #CREATED} adds the secret. */
    private static final String WEBHOOK_FIELDS = """
            {"id": "wh_01JD8X2M4Q9V7T3K5N6P8R0S2A",
             "name": "CRM Contact Sync",
             "url": "https://crm.example.com/hooks/penguin",
             "events": ["email.opened", "email.clicked"],
             "status": "active",
             "timeout_seconds": 10,
             "max_retries": 3,
             "retries_enabled": true,
             "headers": {"X-Crm-Tenant": "acme"},
             "failing": false,
             "consecutive_failures": 0,
             "created_at": "2026-11-24T10:00:00Z",
             "created_by": "API key CRM sync (pm_live_…)",
             "updated_at": "2026-11-24T10:00:00Z\"""";

    static final String WEBHOOK = WEBHOOK_FIELDS + "}";

    static final String CREATED = WEBHOOK_FIELDS + """
            ,
             "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}""";

    static final String INVALID = """
            {"type": "about:blank", "title": "Invalid request", "status": 400,
             "detail": "The request has 2 invalid fields.",
             "errors": [{"field": "url", "reason": "Invalid URL. Please enter a valid HTTPS URL."},
                        {"field": "events[1]", "reason": "Unknown event type 'email.teleported'. Known types: ..."}]}""";

    /** As the API answers it (but for {@code instance}): {@code UnknownFieldIntegrationTests} compares the two. */
    static final String UNKNOWN_FIELD = """
            {"title": "Invalid request", "status": 400,
             "detail": "\\"filter\\" is not a field; did you mean \\"filters\\"?",
             "errors": [{"field": "filter", "reason": "\\"filter\\" is not a field; did you mean \\"filters\\"?"}]}""";

    static final String ROTATED = """
            {"secret": "whsec_2bE6Jd0yq1V8nYl9kS3cXw4HtR7uPzAa",
             "previous_secret_expires_at": "2026-11-25T10:00:00Z"}""";

    private WebhookExamples() {
    }
}
