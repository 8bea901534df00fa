package com.penguinmails.webhooks.management.dashboard;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

import com.penguinmails.webhooks.management.auth.ApiPrincipal;

/**
 * A person signed in to the dashboard. They act in their workspace with their role, under the same rules as an API
 * key of that role: {@link #principal()} is what the services the API uses are handed.
 */
public record DashboardUser(String id, String workspaceId, String email, String name, String role, String passwordHash)
        implements UserDetails {

    /** The caller as the API sees it, so role checks and workspace scoping are the API's own. */
    ApiPrincipal principal() {
        return new ApiPrincipal(id, workspaceId, role);
    }

    public boolean isAdmin() {
        return ApiPrincipal.ADMIN.equals(role);
    }

    /** What the page header shows: the name, else the e-mail address. */
    public String displayName() {
        return name == null || name.isBlank() ? email : name;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return List.of(new SimpleGrantedAuthority("ROLE_" + role.toUpperCase(java.util.Locale.ROOT)));
    }

    @Override
    public String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    /** Never put the hash in a session or a log line. */
    @Override
    public String toString() {
        return "DashboardUser[" + id + ", " + workspaceId + ", " + role + "]";
    }
}
