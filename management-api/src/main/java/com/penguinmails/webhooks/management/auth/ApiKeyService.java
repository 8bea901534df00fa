package com.penguinmails.webhooks.management.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.penguinmails.webhooks.management.outbox.OutboxPublisher;
import com.penguinmails.webhooks.management.outbox.OutboxRepository;
import com.penguinmails.webhooks.management.problem.ApiException;
import com.penguinmails.webhooks.management.problem.FieldError;
import com.penguinmails.webhooks.model.ApiKeyRecord;
import com.penguinmails.webhooks.model.ApiKeys;
import com.penguinmails.webhooks.model.Ids;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The API key lifecycle. A key is stored as its SHA-256 only, and every change goes to event-ingest through the
 * outbox in the same transaction ({@code webhooks.apikeys}: the key's record on create, a tombstone on revoke); the
 * API answers once that record is on Kafka, so ingest learns of it within moments of the answer.
 *
 * <p>Only admin keys manage keys: every operation refuses another role at once (403), before it reads anything, so
 * a developer key learns nothing from validation answers. A workspace never loses its last way in: a key cannot revoke itself (revoke it with another admin key), and the
 * last active admin key cannot be revoked at all. Both refusals are 409.
 */
@Service
class ApiKeyService {

    /** How many characters of a key are kept in the clear to recognise it by: {@code pm_} and five more. */
    static final int PREFIX_CHARS = 8;
    /** How long a change waits for its record to reach Kafka before answering anyway. */
    private static final Duration PUBLISH_WAIT = Duration.ofSeconds(5);

    private final ApiKeyRepository keys;
    private final OutboxRepository outbox;
    private final OutboxPublisher publisher;
    private final TransactionalOperator transaction;
    private final Clock clock;

    ApiKeyService(ApiKeyRepository keys, OutboxRepository outbox, OutboxPublisher publisher, TransactionalOperator transaction, Clock clock) {
        this.keys = keys;
        this.outbox = outbox;
        this.publisher = publisher;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** Creates a key from the request body (read once the role is checked); the answer carries the key itself, shown this once. */
    Mono<ApiKeyView> create(ApiPrincipal caller, Mono<CreateApiKeyRequest> body) {
        caller.requireAdmin("create API keys");
        return body
                .switchIfEmpty(Mono.error(() -> ApiException.validation(List.of(new FieldError("body",
                        "A JSON body with at least 'name' is required.")))))
                .map(CreateApiKeyRequest::validate)
                .flatMap(valid -> create(caller.workspaceId(), valid));
    }

    private Mono<ApiKeyView> create(String workspaceId, CreateApiKeyRequest.ValidApiKey request) {
        String key = ApiKeys.generate();
        String hash = ApiKeys.hash(key);
        // microseconds: what PostgreSQL keeps, so the answer and later reads agree
        ApiKeyRepository.ApiKeyRow row = new ApiKeyRepository.ApiKeyRow(Ids.newApiKeyId(), workspaceId, request.name(),
                key.substring(0, PREFIX_CHARS), request.role(), clock.instant().truncatedTo(ChronoUnit.MICROS), null, null);
        return keys.insert(row, hash)
                .flatMap(saved -> outbox.append(Topics.API_KEYS, hash, Json.write(new ApiKeyRecord(hash, saved.id(), workspaceId, saved.role())))
                        .map(outboxId -> new Changed<>(saved, outboxId)))
                .as(transaction::transactional)
                .flatMap(this::published)
                .map(saved -> ApiKeyView.of(saved, key));
    }

    /** Every key of the workspace, revoked ones included, newest first. */
    Flux<ApiKeyView> list(ApiPrincipal caller) {
        caller.requireAdmin("list API keys");
        return keys.findAll(caller.workspaceId()).map(row -> ApiKeyView.of(row, null));
    }

    Mono<ApiKeyView> find(ApiPrincipal caller, String id) {
        caller.requireAdmin("read API keys");
        return keys.findById(caller.workspaceId(), id).map(row -> ApiKeyView.of(row, null)).switchIfEmpty(notFound(id));
    }

    /**
     * Revokes the key: management-api refuses it from now on, event-ingest once the tombstone is on Kafka (before the
     * answer, normally). Revoking a revoked key changes nothing. 404 when the key is not one of the workspace's.
     */
    Mono<Void> revoke(ApiPrincipal caller, String id) {
        caller.requireAdmin("revoke API keys");
        if (id.equals(caller.keyId())) {
            return Mono.error(cannotRevoke("An API key cannot revoke itself: revoke it with another admin key."));
        }
        String workspaceId = caller.workspaceId();
        return keys.lockActiveAdminKeys(workspaceId)
                .flatMap(admins -> keys.findById(workspaceId, id)
                        .flatMap(key -> {
                            if (key.revokedAt() != null) {
                                return Mono.just(new Changed<>(true, 0L));
                            }
                            if (admins.size() == 1 && admins.contains(id)) {
                                return Mono.error(cannotRevoke("This is the workspace's last active admin key: create another admin key first."));
                            }
                            return keys.revoke(workspaceId, id, clock.instant())
                                    .flatMap(hash -> outbox.append(Topics.API_KEYS, hash, null))
                                    .map(outboxId -> new Changed<>(true, outboxId))
                                    .defaultIfEmpty(new Changed<>(true, 0L));
                        })
                        .defaultIfEmpty(new Changed<>(false, 0L)))
                .as(transaction::transactional)
                .flatMap(this::published)
                .flatMap(found -> found ? Mono.<Void>empty() : notFound(id));
    }

    private static <T> Mono<T> notFound(String id) {
        return Mono.error(ApiException.notFound("API key " + id));
    }

    private static ApiException cannotRevoke(String detail) {
        return new ApiException(HttpStatus.CONFLICT, "Key cannot be revoked", detail, List.of());
    }

    /** A change's result and the id of its outbox record (0 when it wrote none). */
    private record Changed<T>(T value, long outboxId) {
    }

    private <T> Mono<T> published(Changed<T> changed) {
        Mono<Void> wait = changed.outboxId() == 0 ? Mono.empty() : publisher.publishNow(changed.outboxId(), PUBLISH_WAIT);
        return wait.thenReturn(changed.value());
    }
}
