package com.penguinmails.webhooks.management.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.penguinmails.webhooks.management.ManagementProperties;
import com.penguinmails.webhooks.management.outbox.OutboxPublisher;
import com.penguinmails.webhooks.management.outbox.OutboxRepository;
import com.penguinmails.webhooks.model.Ids;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.WebhookConfig;
import com.penguinmails.webhooks.model.signing.SecretCipher;
import com.penguinmails.webhooks.model.signing.WebhookSecrets;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Creates and reads webhooks. A change and its outbox record are written in one transaction, so the dispatcher's
 * view on {@code webhooks.config} never misses a committed change nor sees an uncommitted one; the API answers once
 * the record is on Kafka, so events published after the answer find the webhook.
 */
@Service
class WebhookService {

    /** How long a change waits for its config record to reach Kafka before answering anyway. */
    private static final Duration PUBLISH_WAIT = Duration.ofSeconds(5);

    private final WebhookRepository webhooks;
    private final OutboxPublisher publisher;
    private final OutboxRepository outbox;
    private final TransactionalOperator transaction;
    private final SecretCipher cipher;
    private final Clock clock;

    WebhookService(WebhookRepository webhooks, OutboxRepository outbox, OutboxPublisher publisher,
                   TransactionalOperator transaction, ManagementProperties properties, Clock clock) {
        this.webhooks = webhooks;
        this.publisher = publisher;
        this.outbox = outbox;
        this.transaction = transaction;
        this.cipher = new SecretCipher(properties.secretEncryptionKey());
        this.clock = clock;
    }

    /** Creates the webhook; the answer carries its secret, shown this once. */
    Mono<WebhookView> create(String workspaceId, WebhookValidator.ValidWebhook request) {
        Instant now = clock.instant();
        String secret = WebhookSecrets.generate();
        String encrypted = cipher.encrypt(secret);
        WebhookRow row = new WebhookRow(Ids.newWebhookId(), workspaceId, request.name(), request.description(),
                request.url(), request.events(), request.status(), request.timeoutSeconds() * 1000L,
                request.maxRetries() + 1, WebhookConfig.FLAVOR_PLATFORM, now, now);
        return webhooks.insert(row)
                .flatMap(saved -> webhooks.insertSecret(saved.id(), encrypted)
                        .then(outbox.append(Topics.CONFIG, saved.id(), Json.write(config(saved, java.util.List.of(encrypted)))))
                        .map(outboxId -> new Created(WebhookView.of(saved, secret), outboxId)))
                .as(transaction::transactional)
                .flatMap(created -> publisher.publishNow(created.outboxId(), PUBLISH_WAIT).thenReturn(created.view()));
    }

    private record Created(WebhookView view, long outboxId) {
    }

    Flux<WebhookView> list(String workspaceId) {
        return webhooks.findByWorkspace(workspaceId).map(row -> WebhookView.of(row, null));
    }

    Mono<WebhookView> find(String workspaceId, String id) {
        return webhooks.findById(workspaceId, id).map(row -> WebhookView.of(row, null));
    }

    private static WebhookConfig config(WebhookRow row, java.util.List<String> encryptedSecrets) {
        return new WebhookConfig(row.id(), row.workspaceId(), row.url(), row.eventTypes(), row.status(),
                row.timeoutMillis(), row.maxAttempts(), row.flavor(), encryptedSecrets);
    }
}
