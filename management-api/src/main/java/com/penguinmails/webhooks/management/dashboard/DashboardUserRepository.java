package com.penguinmails.webhooks.management.dashboard;

import java.time.Instant;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/** The {@code users} who may sign in to the dashboard: those with a password hash. */
@Repository
public class DashboardUserRepository {

    private final DatabaseClient db;

    DashboardUserRepository(DatabaseClient db) {
        this.db = db;
    }

    /** The user who signs in with this e-mail address (any case), if they have a password. */
    Mono<DashboardUser> findLogin(String email) {
        return db.sql("select id, workspace_id, email, name, role, password_hash from users "
                        + "where lower(email) = lower(:email) and password_hash is not null")
                .bind("email", email)
                .map(row -> new DashboardUser(row.get("id", String.class), row.get("workspace_id", String.class),
                        row.get("email", String.class), row.get("name", String.class), row.get("role", String.class),
                        row.get("password_hash", String.class)))
                .one();
    }

    /**
     * Gives the workspace's user a password unless they have one: a bootstrap password seeds the first login and
     * never overwrites one changed since. Emits whether it was set.
     */
    public Mono<Boolean> setPasswordIfUnset(String workspaceId, String email, String passwordHash) {
        return db.sql("update users set password_hash = :hash where workspace_id = :workspace and lower(email) = lower(:email) "
                        + "and password_hash is null")
                .bind("hash", passwordHash).bind("workspace", workspaceId).bind("email", email)
                .fetch().rowsUpdated().map(updated -> updated > 0);
    }

    Mono<Void> noteLogin(String id, Instant at) {
        return db.sql("update users set last_login_at = :at where id = :id").bind("at", at).bind("id", id).then();
    }
}
