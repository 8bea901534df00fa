package com.penguinmails.webhooks.management.auth;

/** Examples of the API keys endpoints' bodies, shown in the OpenAPI document. */
final class ApiKeyExamples {

    static final String CREATE_REQUEST = """
            {"name": "CI deploy pipeline", "role": "developer"}""";

    static final String CREATED = """
            {"id": "key_01JD8X2M4Q9V7T3K5N6P8R0S2A",
             "name": "CI deploy pipeline",
             "role": "developer",
             "prefix": "pm_Xq3vT",
             "created_at": "2026-11-24T10:00:00Z",
             "last_used_at": null,
             "revoked_at": null,
             "key": "pm_Xq3vT9bKc2mW8pLr4sNd7fHy1jAe6uGo0iZt5xQwE3R"}""";

    static final String KEY = """
            {"id": "key_01JD8X2M4Q9V7T3K5N6P8R0S2A",
             "name": "CI deploy pipeline",
             "role": "developer",
             "prefix": "pm_Xq3vT",
             "created_at": "2026-11-24T10:00:00Z",
             "last_used_at": "2026-11-24T12:31:00Z",
             "revoked_at": null}""";

    static final String LIST = "{\"data\": [" + KEY + "],\n \"has_more\": false, \"next_cursor\": null}";

    static final String INVALID = """
            {"type": "about:blank", "title": "Invalid request", "status": 400,
             "detail": "The request has 2 invalid fields.",
             "errors": [{"field": "name", "reason": "Name must be at most 100 characters."},
                        {"field": "role", "reason": "Role must be 'admin' or 'developer'."}]}""";

    static final String FORBIDDEN = """
            {"type": "about:blank", "title": "Forbidden", "status": 403,
             "detail": "Only an admin API key may create API keys; this key's role is 'developer'."}""";

    static final String CANNOT_REVOKE = """
            {"type": "about:blank", "title": "Key cannot be revoked", "status": 409,
             "detail": "An API key cannot revoke itself: revoke it with another admin key."}""";

    private ApiKeyExamples() {
    }
}
