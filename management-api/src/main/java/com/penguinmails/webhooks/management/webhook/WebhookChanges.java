package com.penguinmails.webhooks.management.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.penguinmails.webhooks.management.ManagementProperties;
import com.penguinmails.webhooks.management.delivery.WebhookStatusChanges;
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
 * Every write to a webhook: each change and its outbox record (the webhook's full config, or a tombstone on delete)
 * are written in one transaction, so the dispatcher's view on {@code webhooks.config} never misses a committed change
 * nor sees an uncommitted one; a change completes once the record is on Kafka, so events published after the answer
 * see the change. Callers have checked the workspace and role ({@link WebhookService}).
 */
@Component
class WebhookChanges implements WebhookStatusChanges {

    /**
     * The attempts of a webhook created through the compact {@code /v1} API: spec 003's "3 attempts" are its three
     * retries (after 1 m, 5 m and 30 m, the dispatcher's {@code v1-retry-delays}) after the first try; with three
     * attempts in all the 30 m interval would never be used.
     */
    static final int V1_MAX_ATTEMPTS = 4;

    /** How long a change waits for its config record to reach Kafka before answering anyway. */
    private static final Duration PUBLISH_WAIT = Duration.ofSeconds(5);

    private final WebhookRepository webhooks;
    private final OutboxRepository outbox;
    private final OutboxPublisher publisher;
    private final TransactionalOperator transaction;
    private final SecretCipher cipher;
    private final Clock clock;

    WebhookChanges(WebhookRepository webhooks, OutboxRepository outbox, OutboxPublisher publisher,
                   TransactionalOperator transaction, ManagementProperties properties, Clock clock) {
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.publisher = publisher;
        this.transaction = transaction;
        this.cipher = new SecretCipher(properties.secretEncryptionKey());
        this.clock = clock;
    }

    /** Creates the webhook for the caller {@code actorId} (recorded as its creator); the answer carries its secret, shown this once. */
    Mono<WebhookView> create(String workspaceId, String actorId, WebhookValidator.ValidWebhook request) {
        Instant now = clock.instant();
        String secret = WebhookSecrets.generate();
        WebhookRow row = new WebhookRow(Ids.newWebhookId(), workspaceId, request.name(), request.description(),
                request.url(), request.events(), request.status(), request.timeoutSeconds() * 1000L,
                request.maxRetries() + 1, request.retriesEnabled(), WebhookConfig.FLAVOR_PLATFORM, request.filters(), request.headers(),
                false, 0, now, now, null);
        return changed(webhooks.insert(row, actorId).flatMap(saved -> webhooks.insertSecret(saved.id(), cipher.encrypt(secret)).thenReturn(saved)))
                .map(saved -> WebhookView.of(saved, secret));
    }

    /**
     * Replaces the webhook's settings (its id, secrets and history stay); going to {@code active} from another status
     * is a resume ({@link #resetStreakOnResume}). Empty when not in the workspace.
     */
    Mono<WebhookView> update(String workspaceId, String id, WebhookValidator.ValidWebhook request) {
        return webhooks.findById(workspaceId, id)
                .flatMap(current -> changed(resetStreakOnResume(current, request.status()).then(webhooks.update(new WebhookRow(id, workspaceId, request.name(),
                        request.description(), request.url(), request.events(), request.status(),
                        request.timeoutSeconds() * 1000L, request.maxRetries() + 1, request.retriesEnabled(), current.flavor(), request.filters(), request.headers(),
                        current.failing(), current.consecutiveFailures(), current.createdAt(), clock.instant(), current.createdBy())))))
                .map(row -> WebhookView.of(row, null));
    }

    /**
     * Sets the status ({@code active}, {@code paused} or {@code disabled}). Resuming also clears the failure streak
     * ({@link #resetStreakOnResume}), so a webhook disabled for failing gets a fresh run of attempts. Empty when not in
     * the workspace.
     */
    Mono<WebhookView> setStatus(String workspaceId, String id, String status) {
        return webhooks.findById(workspaceId, id)
                .flatMap(current -> changed(resetStreakOnResume(current, status).then(webhooks.update(withStatus(current, status)))))
                .map(row -> WebhookView.of(row, null));
    }

    /**
     * The one rule for every path that changes a status (pause and resume, a full or partial update, the dashboard's
     * form, the {@code /v1} API): going to {@code active} from {@code paused} or {@code disabled} is a resume, which
     * clears the failure streak; any other change, an unchanged status included, leaves the streak as it is.
     */
    private Mono<Void> resetStreakOnResume(WebhookRow current, String nextStatus) {
        boolean resumed = "active".equals(nextStatus) && !"active".equals(current.status());
        return resumed ? webhooks.resetStreakOnResume(current.id()) : Mono.empty();
    }

    @Override
    public Mono<Void> disable(String workspaceId, String webhookId) {
        return setStatus(workspaceId, webhookId, "disabled").then();
    }

    /**
     * Issues a new signing secret. The old ones keep signing alongside it until the grace period ends (zero ends
     * them now). Empty when the webhook is not in the workspace.
     */
    Mono<WebhookService.NewSecret> rotateSecret(String workspaceId, String id, Duration grace) {
        String secret = WebhookSecrets.generate();
        Instant graceEnds = clock.instant().plus(grace);
        return webhooks.findById(workspaceId, id)
                .flatMap(current -> changed(webhooks.expireCurrentSecrets(id, graceEnds)
                        .then(webhooks.insertSecret(id, cipher.encrypt(secret)))
                        .thenReturn(current)))
                .map(row -> new WebhookService.NewSecret(secret, graceEnds));
    }

    /**
     * Seals the webhook's secrets with the current master key and sends the dispatchers its config again, in one
     * transaction: after a master key rotation, the old key may go once no stored or published secret needs it.
     */
    Mono<Void> reencrypt(String workspaceId, String webhookId, List<WebhookRepository.StaleSecret> secrets) {
        return changed(Flux.fromIterable(secrets)
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

    /**
     * Creates a webhook of the compact {@code /v1} API (spec 003): signed also with {@code X-Webhook-Signature}, short
     * type names in its payloads, spec 003's retry schedule. The caller has validated the URL, turned the short names
     * into catalog {@code eventTypes} and chosen the {@code secret} (stored encrypted, never shown again).
     */
    Mono<WebhookSummary> createV1(String workspaceId, String actorId, String url, List<String> eventTypes, boolean active, String secret) {
        WebhookRow row = v1Row(null, Ids.newWebhookId(), workspaceId, url, eventTypes, active ? "active" : "paused", clock.instant());
        return changed(webhooks.insert(row, actorId).flatMap(saved -> webhooks.insertSecret(saved.id(), cipher.encrypt(secret)).thenReturn(saved)))
                .map(WebhookSummary::of);
    }

    /**
     * Changes the given settings of a {@code /v1} webhook, leaving those that are null as they are. A new secret
     * replaces the old one at once (spec 003 has no grace period); activating a paused or disabled webhook clears its
     * failed-attempt streak, as a resume does. Empty when the workspace has no {@code /v1} webhook of that id.
     */
    Mono<WebhookSummary> updateV1(String workspaceId, String id, String url, List<String> eventTypes, Boolean active, String secret) {
        return webhooks.findById(workspaceId, id)
                .filter(WebhookChanges::isV1)
                .flatMap(current -> {
                    Instant now = clock.instant();
                    String status = active == null ? current.status() : active ? "active" : "paused";
                    WebhookRow next = v1Row(current, id, workspaceId, url == null ? current.url() : url,
                            eventTypes == null ? current.eventTypes() : eventTypes, status, now);
                    Mono<Void> streak = resetStreakOnResume(current, status);
                    Mono<Void> newSecret = secret == null ? Mono.empty()
                            : webhooks.expireCurrentSecrets(id, now).then(webhooks.insertSecret(id, cipher.encrypt(secret)));
                    return changed(streak.then(newSecret).then(webhooks.update(next)));
                })
                .map(WebhookSummary::of);
    }

    static boolean isV1(WebhookRow row) {
        return WebhookConfig.FLAVOR_V1.equals(row.flavor());
    }

    /**
     * The one place the {@code /v1} API builds a row: a new one when {@code current} is null (named after the URL's
     * host, the platform defaults for timeout and filters, spec 003's attempts), else {@code current} with the given
     * URL, types and status. Settings the {@code /v1} API does not show (name, timeout, attempts) stay as they are.
     */
    private static WebhookRow v1Row(WebhookRow current, String id, String workspaceId, String url, List<String> eventTypes,
                                    String status, Instant now) {
        if (current == null) {
            String name = java.net.URI.create(url).getHost().toLowerCase(Locale.ROOT);
            return new WebhookRow(id, workspaceId, name, null, url, eventTypes, status,
                    WebhookValidator.DEFAULT_TIMEOUT_SECONDS * 1000L, V1_MAX_ATTEMPTS, true, WebhookConfig.FLAVOR_V1, null, null,
                    false, 0, now, now, null);
        }
        return new WebhookRow(id, workspaceId, current.name(), current.description(), url, eventTypes, status,
                current.timeoutMillis(), current.maxAttempts(), current.retriesEnabled(), current.flavor(), current.filters(), current.headers(),
                current.failing(), current.consecutiveFailures(), current.createdAt(), now, current.createdBy());
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
                row.consecutiveFailures(), row.createdAt(), clock.instant(), row.createdBy());
    }
}
