package com.penguinmails.webhooks.management.auth;

import com.penguinmails.webhooks.management.problem.ApiException;

/**
 * Who is calling: the API key's id, the workspace it acts for and its role. Declare it as a controller parameter.
 *
 * <p>Roles (spec 004): {@code admin} may do everything; {@code developer} may build and run integrations (webhooks,
 * deliveries, events) but may not manage API keys nor delete webhooks. The services whose operations need more than
 * a developer call {@link #requireAdmin}, so the rule and its answer live here only, and the API and the dashboard,
 * which both call those services, apply it alike.
 */
public record ApiPrincipal(String keyId, String workspaceId, String role) {

    public static final String ADMIN = "admin";
    public static final String DEVELOPER = "developer";

    public boolean isAdmin() {
        return ADMIN.equals(role);
    }

    /**
     * Refuses with 403 unless the key is an admin key.
     *
     * @param action what the caller tried, completing "Only an admin API key may ...", e.g. "delete webhooks"
     */
    public void requireAdmin(String action) {
        if (!isAdmin()) {
            throw ApiException.forbidden("Only an admin API key may " + action + "; this key's role is '" + role + "'.");
        }
    }
}
