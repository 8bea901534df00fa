package com.penguinmails.webhooks.management.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Service;

import com.penguinmails.webhooks.management.auth.ApiPrincipal;
import com.penguinmails.webhooks.management.delivery.DeliveryRequeue;
import com.penguinmails.webhooks.management.page.Cursor;
import com.penguinmails.webhooks.management.page.Page;
import com.penguinmails.webhooks.management.problem.ApiException;
import com.penguinmails.webhooks.management.problem.FieldError;
import com.penguinmails.webhooks.model.WebhookConfig;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * What a caller may do with its workspace's webhooks, whether it comes through the API or the dashboard: every
 * operation is scoped to the caller's workspace (another workspace's webhook is not found, 404), checks the caller's
 * role (only an admin deletes, 403) and validates what it is given (400 naming each field). The writes themselves are
 * {@link WebhookChanges}'.
 */
@Service
public class WebhookService {

    static final Duration DEFAULT_GRACE = Duration.ofHours(24);
    static final Duration MAX_GRACE = Duration.ofDays(7);

    private final WebhookChanges changes;
    private final WebhookRepository webhooks;
    private final WebhookValidator validator;
    private final DeliveryRequeue requeue;

    WebhookService(WebhookChanges changes, WebhookRepository webhooks, WebhookValidator validator, DeliveryRequeue requeue) {
        this.changes = changes;
        this.webhooks = webhooks;
        this.validator = validator;
        this.requeue = requeue;
    }

    /** A secret shown once: a new webhook's, or a rotation's. */
    public record NewSecret(String secret, Instant previousSecretExpiresAt) {
    }

    /** The webhook, with its settings and health; never its secret. */
    public Mono<WebhookView> get(ApiPrincipal caller, String id) {
        return webhooks.findById(caller.workspaceId(), id).map(row -> WebhookView.of(row, null)).switchIfEmpty(notFound(id));
    }

    public Mono<Page<WebhookView>> list(ApiPrincipal caller, WebhookListQuery query) {
        return webhooks.findPage(caller.workspaceId(), query).collectList()
                .map(rows -> Page.of(rows, query.page(), row -> WebhookView.of(row, null), row -> new Cursor(row.createdAt(), row.id())));
    }

    /**
     * Refuses an invalid request at once, by throwing (so that a refused body claims no idempotency key), and creates
     * the webhook, recording the caller as its creator, when the answer is subscribed to. The answer carries the
     * secret, shown this once.
     */
    public Mono<WebhookView> create(ApiPrincipal caller, CreateWebhookRequest request) {
        WebhookValidator.ValidWebhook valid = validator.validate(required(request));
        return Mono.defer(() -> changes.create(caller.workspaceId(), caller.keyId(), valid));
    }

    /** Replaces every setting; fields left out take their defaults, as on create. The id, secrets and history stay. */
    public Mono<WebhookView> replace(ApiPrincipal caller, String id, CreateWebhookRequest request) {
        CreateWebhookRequest replacement = required(request);
        return get(caller, id)
                .flatMap(current -> changes.update(caller.workspaceId(), id, validator.validate(replacement, current.status())))
                .switchIfEmpty(notFound(id));
    }

    /** Changes only the fields given. */
    public Mono<WebhookView> patch(ApiPrincipal caller, String id, CreateWebhookRequest patch) {
        CreateWebhookRequest changed = required(patch);
        return get(caller, id)
                .flatMap(current -> changes.update(caller.workspaceId(), id, validator.validate(merge(current, changed), current.status())))
                .switchIfEmpty(notFound(id));
    }

    /** Deletes the webhook (admins only; refused at once otherwise); its delivery history is kept. */
    public Mono<Void> delete(ApiPrincipal caller, String id) {
        caller.requireAdmin("delete webhooks");
        return changes.delete(caller.workspaceId(), id).flatMap(deleted -> deleted ? Mono.<Void>empty() : notFound(id));
    }

    /** Stops deliveries; events that arrive meanwhile are recorded as skipped. */
    public Mono<WebhookView> pause(ApiPrincipal caller, String id) {
        return changes.setStatus(caller.workspaceId(), id, "paused").switchIfEmpty(notFound(id));
    }

    /** Resumes the webhook, clearing its failure streak; with {@code replaySkipped}, sends what was skipped meanwhile. */
    public Mono<WebhookView> resume(ApiPrincipal caller, String id, boolean replaySkipped) {
        Mono<WebhookView> resumed = changes.setStatus(caller.workspaceId(), id, "active").switchIfEmpty(notFound(id));
        if (!replaySkipped) {
            return resumed;
        }
        return resumed.flatMap(view -> requeue.requeueAll(caller.workspaceId(), id, "skipped")
                .map(queued -> view.withReplayedSkipped(queued.queued())));
    }

    /**
     * A new secret, shown once; the old one keeps signing alongside it for the grace period, 0 to 604800 seconds
     * (a day when null).
     */
    public Mono<NewSecret> rotateSecret(ApiPrincipal caller, String id, Long gracePeriodSeconds) {
        Duration grace = gracePeriodSeconds == null ? DEFAULT_GRACE : Duration.ofSeconds(gracePeriodSeconds);
        if (grace.isNegative() || grace.compareTo(MAX_GRACE) > 0) {
            return Mono.error(ApiException.validation(List.of(new FieldError("grace_period_seconds",
                    "Grace period must be between 0 and 604800 seconds (7 days)."))));
        }
        return changes.rotateSecret(caller.workspaceId(), id, grace).switchIfEmpty(notFound(id));
    }

    /**
     * Creates a webhook of the compact {@code /v1} API (spec 003). The caller has validated the URL, turned the short
     * names into catalog {@code eventTypes} and chosen the {@code secret}.
     */
    public Mono<WebhookSummary> createV1(ApiPrincipal caller, String url, List<String> eventTypes, boolean active, String secret) {
        return changes.createV1(caller.workspaceId(), caller.keyId(), url, eventTypes, active, secret);
    }

    /** Changes the given settings of a {@code /v1} webhook, leaving those that are null as they are. */
    public Mono<WebhookSummary> updateV1(ApiPrincipal caller, String id, String url, List<String> eventTypes, Boolean active, String secret) {
        return changes.updateV1(caller.workspaceId(), id, url, eventTypes, active, secret).switchIfEmpty(notFound(id));
    }

    /** A {@code /v1} webhook of the workspace; another workspace's, or one of the platform API, is not found. */
    public Mono<WebhookSummary> findV1(ApiPrincipal caller, String id) {
        return webhooks.findById(caller.workspaceId(), id).filter(WebhookChanges::isV1).map(WebhookSummary::of).switchIfEmpty(notFound(id));
    }

    /** The workspace's {@code /v1} webhooks, newest first. */
    public Flux<WebhookSummary> listV1(ApiPrincipal caller) {
        return webhooks.findByFlavor(caller.workspaceId(), WebhookConfig.FLAVOR_V1).map(WebhookSummary::of);
    }

    /** Deletes a {@code /v1} webhook as {@link #delete} does (admins only). */
    public Mono<Void> deleteV1(ApiPrincipal caller, String id) {
        caller.requireAdmin("delete webhooks");
        return findV1(caller, id).flatMap(found -> changes.delete(caller.workspaceId(), id))
                .flatMap(deleted -> deleted ? Mono.<Void>empty() : notFound(id));
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

    private static CreateWebhookRequest required(CreateWebhookRequest request) {
        if (request == null) {
            throw ApiException.validation(List.of(new FieldError("body", "A JSON body with at least 'name', 'url' and 'events' is required.")));
        }
        return request;
    }

    private static <T> Mono<T> notFound(String id) {
        return Mono.error(ApiException.notFound("Webhook " + id));
    }
}
