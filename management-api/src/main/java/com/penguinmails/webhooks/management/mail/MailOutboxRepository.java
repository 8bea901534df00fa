package com.penguinmails.webhooks.management.mail;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** E-mails waiting to be sent, and the workspace admins they go to. */
@Repository
public class MailOutboxRepository {

    private final DatabaseClient db;

    MailOutboxRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A queued e-mail. */
    record Mail(long id, String recipient, String subject, String body, int attempts) {
    }

    /**
     * Queues one e-mail per admin of the workspace; call it in the transaction of what it announces. The dedupe key
     * (per recipient) makes a re-processed event queue nothing twice.
     */
    public Mono<Void> toAdmins(String workspaceId, String subject, String body, String dedupeKey) {
        return db.sql("""
                        insert into mail_outbox (recipient, subject, body, dedupe_key)
                        select email, :subject, :body, :key || ':' || email from users
                        where workspace_id = :workspace and role = 'admin'
                        on conflict (dedupe_key) do nothing""")
                .bind("subject", subject).bind("body", body).bind("key", dedupeKey).bind("workspace", workspaceId)
                .then();
    }

    Flux<Mail> unsent(int limit, int maxAttempts) {
        return db.sql("select id, recipient, subject, body, attempts from mail_outbox where sent_at is null and attempts < :max order by id limit :limit")
                .bind("max", maxAttempts).bind("limit", limit)
                .map(row -> new Mail(row.get("id", Long.class), row.get("recipient", String.class),
                        row.get("subject", String.class), row.get("body", String.class), row.get("attempts", Integer.class)))
                .all();
    }

    Mono<Void> sent(long id) {
        return db.sql("update mail_outbox set sent_at = now(), attempts = attempts + 1, last_error = null where id = :id")
                .bind("id", id).then();
    }

    Mono<Void> failed(long id, String error) {
        return db.sql("update mail_outbox set attempts = attempts + 1, last_error = :error where id = :id")
                .bind("id", id).bind("error", error).then();
    }

    /** Adds a user unless the workspace has one with that e-mail. */
    public Mono<Void> ensureUser(String id, String workspaceId, String email, String role) {
        return db.sql("insert into users (id, workspace_id, email, role) values (:id, :workspace, :email, :role) on conflict (workspace_id, email) do nothing")
                .bind("id", id).bind("workspace", workspaceId).bind("email", email).bind("role", role)
                .then();
    }
}
