package com.penguinmails.webhooks.management.webhook;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.penguinmails.webhooks.management.ManagementProperties;
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
 * view on {@code webhooks.config} never misses a committed change nor sees an uncommitted one.
 */
@Service
class WebhookService {

    private final WebhookRepository webhooks;
    private final OutboxRepository outbox;
    private final TransactionalOperator transaction;
    private final SecretCipher cipher;
    private final Clock clock;

    WebhookService(WebhookRepository webhooks, OutboxRepository outbox, TransactionalOperator transaction,
                   ManagementProperties properties, Clock clock) {
        this.webhooks = webhooks;
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
                        .thenReturn(WebhookView.of(saved, secret)))
                .as(transaction::transactional);
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
