package com.penguinmails.webhooks.management.workspace;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.penguinmails.webhooks.management.ManagementProperties;
import com.penguinmails.webhooks.management.auth.ApiKeyRepository;
import com.penguinmails.webhooks.management.dashboard.DashboardUserRepository;
import com.penguinmails.webhooks.management.mail.MailOutboxRepository;
import com.penguinmails.webhooks.management.outbox.OutboxRepository;
import com.penguinmails.webhooks.model.ApiKeyRecord;
import com.penguinmails.webhooks.model.ApiKeys;
import com.penguinmails.webhooks.model.Ids;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Ensures the configured workspace and admin API key exist (idempotent), so a fresh installation or the local stack
 * has someone who can call the API, and gives the admin user a dashboard password if they have none yet. The key is
 * stored hashed and published to event-ingest through the outbox.
 */
@Component
class WorkspaceBootstrap implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WorkspaceBootstrap.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ManagementProperties.Bootstrap bootstrap;
    private final WorkspaceRepository workspaces;
    private final ApiKeyRepository keys;
    private final OutboxRepository outbox;
    private final MailOutboxRepository mail;
    private final TransactionalOperator transaction;
    private final DashboardUserRepository users;
    private final PasswordEncoder passwords;
    private volatile boolean running;

    WorkspaceBootstrap(ManagementProperties properties, WorkspaceRepository workspaces, ApiKeyRepository keys,
                       OutboxRepository outbox, MailOutboxRepository mail, TransactionalOperator transaction,
                       DashboardUserRepository users, PasswordEncoder passwords) {
        this.users = users;
        this.passwords = passwords;
        this.mail = mail;
        this.bootstrap = properties.bootstrap();
        this.workspaces = workspaces;
        this.keys = keys;
        this.outbox = outbox;
        this.transaction = transaction;
    }

    Mono<Void> ensure() {
        if (bootstrap.workspaceId() == null || bootstrap.workspaceId().isBlank()) {
            return Mono.empty();
        }
        Mono<Void> key = Mono.empty();
        if (bootstrap.apiKey() != null && !bootstrap.apiKey().isBlank()) {
            String hash = ApiKeys.hash(bootstrap.apiKey());
            String keyId = Ids.newApiKeyId();
            key = keys.insertIfAbsent(keyId, bootstrap.workspaceId(), "Bootstrap admin key", hash,
                            bootstrap.apiKey().substring(0, Math.min(8, bootstrap.apiKey().length())), "admin")
                    .flatMap(inserted -> inserted
                            ? outbox.append(Topics.API_KEYS, hash, Json.write(new ApiKeyRecord(hash, keyId, bootstrap.workspaceId(), "admin"))).then()
                            : Mono.empty());
        }
        Mono<Void> admin = bootstrap.adminEmail() == null || bootstrap.adminEmail().isBlank() ? Mono.empty()
                : mail.ensureUser(Ids.derived("usr", bootstrap.workspaceId(), bootstrap.adminEmail()), bootstrap.workspaceId(),
                        bootstrap.adminEmail(), "admin");
        boolean hasAdmin = bootstrap.adminEmail() != null && !bootstrap.adminEmail().isBlank();
        Mono<Void> password = !hasAdmin || bootstrap.adminPassword() == null || bootstrap.adminPassword().isBlank()
                ? Mono.empty()
                // hashing is slow on purpose: off the caller's thread
                : Mono.fromCallable(() -> passwords.encode(bootstrap.adminPassword())).subscribeOn(Schedulers.boundedElastic())
                        .flatMap(hash -> users.setPasswordIfUnset(bootstrap.workspaceId(), bootstrap.adminEmail(), hash)).then();
        return workspaces.insertIfAbsent(bootstrap.workspaceId(), bootstrap.workspaceName(), bootstrap.plan())
                .then(key)
                .then(admin)
                .then(password)
                .as(transaction::transactional);
    }

    @Override
    public void start() {
        ensure().block(TIMEOUT);
        if (bootstrap.workspaceId() != null && !bootstrap.workspaceId().isBlank()) {
            log.info("workspace {} ensured", bootstrap.workspaceId());
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
