package com.penguinmails.webhooks.management.auth;

/** Who is calling: the API key's id, the workspace it acts for and its role. Declare it as a controller parameter. */
public record ApiPrincipal(String keyId, String workspaceId, String role) {
}
