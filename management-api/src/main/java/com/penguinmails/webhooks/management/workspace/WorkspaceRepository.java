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

    Mono<Void> insertIfAbsent(String id, String name) {
        return db.sql("insert into workspaces (id, name) values (:id, :name) on conflict (id) do nothing")
                .bind("id", id).bind("name", name)
                .then();
    }
}
