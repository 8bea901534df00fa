package com.penguinmails.webhooks.management.v1;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.management.problem.ApiException;
import com.penguinmails.webhooks.management.problem.FieldError;
import com.penguinmails.webhooks.management.webhook.WebhookValidator;

/**
 * Checks a {@code /v1} webhook request field by field and reports every problem at once. The URL follows the platform
 * API's rules; events are spec 003's short names; a secret is the user's own and must be long enough to resist guessing.
 */
@Component
class V1WebhookValidator {

    static final int SECRET_MIN_CHARS = 16;
    static final int SECRET_MAX_CHARS = 256;
    static final String ALLOWED_EVENTS = String.join(", ", V1EventNames.ALL);

    private final WebhookValidator platform;

    V1WebhookValidator(WebhookValidator platform) {
        this.platform = platform;
    }

    /**
     * A request that passed validation: the URL as stored, catalog event types, and null for each field a PUT leaves
     * as it is.
     */
    record Valid(String url, List<String> eventTypes, Boolean active, String secret) {
    }

    /** A create: {@code url} and {@code events} are required, {@code secret} and {@code active} optional. */
    Valid create(V1WebhookRequest request) {
        if (request == null) {
            throw ApiException.validation(List.of(new FieldError("body",
                    "A JSON body with 'url' and 'events' (and optionally 'secret' and 'active') is required.")));
        }
        return validate(request, true);
    }

    /** A PUT: only the fields given are checked and changed. */
    Valid update(V1WebhookRequest request) {
        if (request == null) {
            throw ApiException.validation(List.of(new FieldError("body",
                    "A JSON body with the fields to change ('url', 'events', 'secret', 'active') is required.")));
        }
        return validate(request, false);
    }

    private Valid validate(V1WebhookRequest request, boolean create) {
        List<FieldError> errors = new ArrayList<>();
        String url = create || request.url() != null ? platform.checkUrl(request.url(), errors) : null;
        List<String> eventTypes = create || request.events() != null ? eventTypes(request.events(), errors) : null;
        if (request.secret() != null) {
            secret(request.secret()).ifPresent(reason -> errors.add(new FieldError("secret", reason)));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new Valid(url, eventTypes, request.active(), request.secret());
    }

    private static List<String> eventTypes(List<String> events, List<FieldError> errors) {
        if (events == null || events.isEmpty()) {
            errors.add(new FieldError("events", "Select at least one event: " + ALLOWED_EVENTS + "."));
            return null;
        }
        Set<String> types = new LinkedHashSet<>();
        for (int i = 0; i < events.size(); i++) {
            String name = events.get(i);
            Optional<String> type = V1EventNames.catalogName(name);
            if (type.isPresent()) {
                types.add(type.get());
            } else {
                errors.add(new FieldError("events[" + i + "]", "Unknown event '" + name + "'. Allowed events: " + ALLOWED_EVENTS + "."));
            }
        }
        return List.copyOf(types);
    }

    /** Why the secret cannot sign, if it cannot. */
    private static Optional<String> secret(String secret) {
        int length = secret.codePointCount(0, secret.length());
        if (length < SECRET_MIN_CHARS) {
            return Optional.of("Secret must be at least " + SECRET_MIN_CHARS + " characters.");
        }
        if (length > SECRET_MAX_CHARS) {
            return Optional.of("Secret must be at most " + SECRET_MAX_CHARS + " characters.");
        }
        // a pasted secret's trailing newline would make every signature the receiver computes differ from ours
        if (!secret.strip().equals(secret)) {
            return Optional.of("Secret must not start or end with a space or line break.");
        }
        if (secret.chars().anyMatch(Character::isISOControl)) {
            return Optional.of("Secret must not contain control characters.");
        }
        return Optional.empty();
    }
}
