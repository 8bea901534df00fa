package com.penguinmails.webhooks.management.auth;

import java.util.ArrayList;
import java.util.List;

import com.penguinmails.webhooks.management.problem.ApiException;
import com.penguinmails.webhooks.management.problem.FieldError;

/**
 * The body of {@code POST /api/v1/platform/api-keys}.
 *
 * @param name what the key is for, 1–100 characters (surrounding spaces are dropped)
 * @param role {@code admin} or {@code developer} (the default)
 */
record CreateApiKeyRequest(String name, String role) {

    static final int NAME_MAX_CHARS = 100;

    /** A request that passed every rule: the name trimmed, the role filled in. */
    record ValidApiKey(String name, String role) {
    }

    /** The request with its default filled in, or an {@link ApiException} listing every invalid field. */
    ValidApiKey validate() {
        List<FieldError> errors = new ArrayList<>();
        String trimmed = name == null ? null : name.strip();
        if (name == null) {
            errors.add(new FieldError("name", "Name is required."));
        } else if (trimmed.isEmpty()) {
            errors.add(new FieldError("name", "Name must not be blank."));
        } else if (trimmed.length() > NAME_MAX_CHARS) {
            errors.add(new FieldError("name", "Name must be at most 100 characters."));
        }
        // PostgreSQL stores no NUL character in text: say so here rather than fail on the write
        if (name != null && name.indexOf('\u0000') >= 0) {
            errors.add(new FieldError("name", "Name must not contain a NUL character."));
        }
        String effectiveRole = role == null ? ApiPrincipal.DEVELOPER : role;
        if (!effectiveRole.equals(ApiPrincipal.ADMIN) && !effectiveRole.equals(ApiPrincipal.DEVELOPER)) {
            errors.add(new FieldError("role", "Role must be 'admin' or 'developer'."));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new ValidApiKey(trimmed, effectiveRole);
    }
}
