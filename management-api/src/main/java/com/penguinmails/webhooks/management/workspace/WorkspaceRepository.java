package com.penguinmails.webhooks.management.workspace;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/** Workspaces: the tenants everything else belongs to. */
@Repository
class WorkspaceRepository {

    private final DatabaseClient db;

    WorkspaceRepository(DatabaseClient db) {
        this.db = db;
    }

    Mono<Void> insertIfAbsent(String id, String name, String plan) {
        return db.sql("insert into workspaces (id, name, plan) values (:id, :name, :plan) on conflict (id) do nothing")
                .bind("id", id).bind("name", name).bind("plan", plan)
                .then();
    }

    /** A workspace as its API shows it. */
    record WorkspaceRow(String id, String name, String plan, java.time.Instant createdAt) {
    }

    Mono<WorkspaceRow> find(String id) {
        return db.sql("select id, name, plan, created_at from workspaces where id = :id").bind("id", id)
                .map(row -> new WorkspaceRow(row.get("id", String.class), row.get("name", String.class),
                        row.get("plan", String.class), row.get("created_at", java.time.OffsetDateTime.class).toInstant()))
                .one();
    }
}
