package com.penguinmails.webhooks.management.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.penguinmails.webhooks.management.ManagementProperties;
import com.penguinmails.webhooks.management.delivery.WebhookStatusChanges;
import com.penguinmails.webhooks.management.outbox.OutboxPublisher;
import com.penguinmails.webhooks.management.page.Cursor;
import com.penguinmails.webhooks.management.page.Page;
import com.penguinmails.webhooks.management.outbox.OutboxRepository;
import com.penguinmails.webhooks.model.Ids;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.WebhookConfig;
import com.penguinmails.webhooks.model.signing.SecretCipher;
import com.penguinmails.webhooks.model.signing.WebhookSecrets;
import reactor.core.publisher.Mono;

/**
 * The webhook lifecycle. Every change and its outbox record (the webhook's full config, or a tombstone on delete) are
 * written in one transaction, so the dispatcher's view on {@code webhooks.config} never misses a committed change nor
 * sees an uncommitted one; the API answers once the record is on Kafka, so events published after the answer see the
 * change.
 */
@Service
class WebhookService implements WebhookStatusChanges {

    /** How long a change waits for its config record to reach Kafka before answering anyway. */
    private static final Duration PUBLISH_WAIT = Duration.ofSeconds(5);

    private final WebhookRepository webhooks;
    private final OutboxRepository outbox;
    private final OutboxPublisher publisher;
    private final TransactionalOperator transaction;
    private final SecretCipher cipher;
    private final Clock clock;

    WebhookService(WebhookRepository webhooks, OutboxRepository outbox, OutboxPublisher publisher,
                   TransactionalOperator transaction, ManagementProperties properties, Clock clock) {
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.publisher = publisher;
        this.transaction = transaction;
        this.cipher = new SecretCipher(properties.secretEncryptionKey());
        this.clock = clock;
    }

    /** A secret shown once: a new webhook's, or a rotation's. */
    record NewSecret(String secret, Instant previousSecretExpiresAt) {
    }

    /** Creates the webhook; the answer carries its secret, shown this once. */
    Mono<WebhookView> create(String workspaceId, WebhookValidator.ValidWebhook request) {
        Instant now = clock.instant();
        String secret = WebhookSecrets.generate();
        WebhookRow row = new WebhookRow(Ids.newWebhookId(), workspaceId, request.name(), request.description(),
                request.url(), request.events(), request.status(), request.timeoutSeconds() * 1000L,
                request.maxRetries() + 1, request.retriesEnabled(), WebhookConfig.FLAVOR_PLATFORM, request.filters(), request.headers(),
                false, 0, now, now);
        return changed(webhooks.insert(row).flatMap(saved -> webhooks.insertSecret(saved.id(), cipher.encrypt(secret)).thenReturn(saved)))
                .map(saved -> WebhookView.of(saved, secret));
    }

    /** Replaces the webhook's settings (its id, secrets and history stay). Empty when not in the workspace. */
    Mono<WebhookView> update(String workspaceId, String id, WebhookValidator.ValidWebhook request) {
        return webhooks.findById(workspaceId, id)
                .flatMap(current -> changed(webhooks.update(new WebhookRow(id, workspaceId, request.name(),
                        request.description(), request.url(), request.events(), request.status(),
                        request.timeoutSeconds() * 1000L, request.maxRetries() + 1, request.retriesEnabled(), current.flavor(), request.filters(), request.headers(),
                        current.failing(), current.consecutiveFailures(), current.createdAt(), clock.instant()))))
                .map(row -> WebhookView.of(row, null));
    }

    /**
     * Sets the status ({@code active}, {@code paused} or {@code disabled}). Resuming also clears the failed-attempt
     * streak, so a webhook disabled for failing gets a fresh run of attempts. Empty when not in the workspace.
     */
    Mono<WebhookView> setStatus(String workspaceId, String id, String status) {
        return webhooks.findById(workspaceId, id)
                .flatMap(current -> changed((status.equals("active") ? webhooks.resetAttemptStreak(id) : Mono.<Void>empty())
                        .then(webhooks.update(withStatus(current, status)))))
                .map(row -> WebhookView.of(row, null));
    }

    @Override
    public Mono<Void> disable(String workspaceId, String webhookId) {
        return setStatus(workspaceId, webhookId, "disabled").then();
    }

    /**
     * Issues a new signing secret. The old ones keep signing alongside it until the grace period ends (zero ends
     * them now). Empty when the webhook is not in the workspace.
     */
    Mono<NewSecret> rotateSecret(String workspaceId, String id, Duration grace) {
        String secret = WebhookSecrets.generate();
        Instant graceEnds = clock.instant().plus(grace);
        return webhooks.findById(workspaceId, id)
                .flatMap(current -> changed(webhooks.expireCurrentSecrets(id, graceEnds)
                        .then(webhooks.insertSecret(id, cipher.encrypt(secret)))
                        .thenReturn(current)))
                .map(row -> new NewSecret(secret, graceEnds));
    }

    /**
     * Seals the webhook's secrets with the current master key and sends the dispatchers its config again, in one
     * transaction: after a master key rotation, the old key may go once no stored or published secret needs it.
     */
    Mono<Void> reencrypt(String workspaceId, String webhookId, List<WebhookRepository.StaleSecret> secrets) {
        return changed(reactor.core.publisher.Flux.fromIterable(secrets)
                .concatMap(secret -> webhooks.replaceSecret(secret.id(), cipher.encrypt(cipher.decrypt(secret.encrypted()))))
                .then(webhooks.findById(workspaceId, webhookId)))
                .then();
    }

    /** The id of the master key new secrets are sealed with. */
    String currentKeyId() {
        return cipher.currentKeyId();
    }

    /** Deletes the webhook and tells the dispatchers (a tombstone); false when it was not in the workspace. */
    Mono<Boolean> delete(String workspaceId, String id) {
        return webhooks.delete(workspaceId, id)
                .flatMap(deleted -> deleted
                        ? outbox.append(Topics.CONFIG, id, null).map(outboxId -> new Changed<>(true, outboxId))
                        : Mono.just(new Changed<>(false, 0L)))
                .as(transaction::transactional)
                .flatMap(this::published);
    }

    Mono<Page<WebhookView>> list(String workspaceId, WebhookListQuery query) {
        return webhooks.findPage(workspaceId, query).collectList()
                .map(rows -> Page.of(rows, query.page(), row -> WebhookView.of(row, null), row -> new Cursor(row.createdAt(), row.id())));
    }

    Mono<WebhookView> find(String workspaceId, String id) {
        return webhooks.findById(workspaceId, id).map(row -> WebhookView.of(row, null));
    }

    /** A change's result and the id of its outbox record. */
    private record Changed<T>(T value, long outboxId) {
    }

    /**
     * Runs the change, appends the webhook's resulting config to the outbox in the same transaction, and completes
     * once that record is on Kafka.
     */
    private Mono<WebhookRow> changed(Mono<WebhookRow> change) {
        return change
                .flatMap(row -> webhooks.liveSecrets(row.id(), clock.instant()).collectList()
                        .zipWith(webhooks.workspacePlan(row.workspaceId()))
                        .flatMap(secretsAndPlan -> outbox.append(Topics.CONFIG, row.id(), Json.write(new WebhookConfig(row.id(),
                                row.workspaceId(), row.url(), row.eventTypes(), row.status(), row.timeoutMillis(),
                                row.effectiveMaxAttempts(), row.flavor(), secretsAndPlan.getT1(), row.filters(), secretsAndPlan.getT2(),
                                row.headers()))))
                        .map(outboxId -> new Changed<>(row, outboxId)))
                .as(transaction::transactional)
                .flatMap(this::published);
    }

    private <T> Mono<T> published(Changed<T> changed) {
        Mono<Void> wait = changed.outboxId() == 0 ? Mono.empty() : publisher.publishNow(changed.outboxId(), PUBLISH_WAIT);
        return wait.thenReturn(changed.value());
    }

    private WebhookRow withStatus(WebhookRow row, String status) {
        return new WebhookRow(row.id(), row.workspaceId(), row.name(), row.description(), row.url(), row.eventTypes(),
                status, row.timeoutMillis(), row.maxAttempts(), row.retriesEnabled(), row.flavor(), row.filters(), row.headers(), row.failing(),
                row.consecutiveFailures(), row.createdAt(), clock.instant());
    }

    /** The request a PATCH amounts to: the webhook as it is, with the fields the patch gives replaced. */
    static CreateWebhookRequest merge(WebhookView current, CreateWebhookRequest patch) {
        return new CreateWebhookRequest(
                patch.name() != null ? patch.name() : current.name(),
                patch.description() != null ? patch.description() : current.description(),
                patch.url() != null ? patch.url() : current.url(),
                patch.events() != null ? patch.events() : List.copyOf(current.events()),
                patch.status() != null ? patch.status() : current.status(),
                patch.timeoutSeconds() != null ? patch.timeoutSeconds() : current.timeoutSeconds(),
                patch.maxRetries() != null ? patch.maxRetries() : current.maxRetries(),
                patch.retriesEnabled() != null ? patch.retriesEnabled() : current.retriesEnabled(),
                patch.filters() != null ? patch.filters() : current.filters(),
                patch.headers() != null ? patch.headers() : current.headers());
    }
}
