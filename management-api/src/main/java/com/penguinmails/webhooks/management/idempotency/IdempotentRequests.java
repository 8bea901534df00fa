package com.penguinmails.webhooks.management.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.penguinmails.webhooks.management.ManagementProperties;
import com.penguinmails.webhooks.management.problem.ApiException;
import com.penguinmails.webhooks.management.problem.FieldError;
import com.penguinmails.webhooks.model.signing.SecretCipher;
import reactor.core.publisher.Mono;

/**
 * {@code Idempotency-Key} for POSTs that create something, as Stripe has it: the first request with a key runs and its
 * answer is kept for 24 hours; a retry with the same key and the same request gets that answer again (marked
 * {@code Idempotent-Replayed: true}) instead of creating a second thing; the same key with another request is refused
 * with 422, and while the first is still running, with 409. Keys are scoped by workspace.
 */
@Component
public class IdempotentRequests {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";
    static final Duration RETENTION = Duration.ofHours(24);
    /** A request without an answer after this long died with its process: its key may be used again. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(5);
    static final int KEY_MAX_CHARS = 255;

    private final IdempotencyRepository keys;
    private final JsonMapper json;
    private final SecretCipher cipher;
    private final Clock clock;

    IdempotentRequests(IdempotencyRepository keys, JsonMapper json, ManagementProperties properties, Clock clock) {
        this.keys = keys;
        this.json = json;
        this.cipher = new SecretCipher(properties.secretEncryptionKey());
        this.clock = clock;
    }

    /**
     * Runs {@code create} once per workspace and key; without a key, every time.
     *
     * @param request what identifies the request besides its key: the endpoint and its parsed body
     */
    public Mono<ResponseEntity<Object>> run(String workspaceId, String key, String endpoint, Object request,
                                       Supplier<Mono<ResponseEntity<Object>>> create) {
        if (key == null) {
            return Mono.defer(create);
        }
        if (key.isBlank() || key.length() > KEY_MAX_CHARS || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e)) {
            return Mono.error(ApiException.validation(List.of(new FieldError(HEADER,
                    "Idempotency-Key must be 1 to 255 visible ASCII characters, e.g. a UUID."))));
        }
        String hash = fingerprint(endpoint, request);
        Instant now = clock.instant();
        return keys.claim(workspaceId, key, hash, now, now.plus(RETENTION), ABANDONED_AFTER)
                .flatMap(claimed -> claimed ? first(workspaceId, key, now, create) : again(workspaceId, key, hash));
    }

    private Mono<ResponseEntity<Object>> first(String workspaceId, String key, Instant now, Supplier<Mono<ResponseEntity<Object>>> create) {
        Mono<ResponseEntity<Object>> created = Mono.defer(create);
        return created
                .flatMap(response -> keys.answer(workspaceId, key, response.getStatusCode().value(),
                                cipher.encrypt(json.writeValueAsString(response.getBody())))
                        // a claim takes over an expired key anyway: this only keeps the table from growing
                        .then(keys.deleteExpired(now))
                        .thenReturn(response))
                // a refusal or a failure creates nothing: the key is free for the corrected or repeated request
                .onErrorResume(e -> keys.release(workspaceId, key).then(Mono.<ResponseEntity<Object>>error(e)));
    }

    private Mono<ResponseEntity<Object>> again(String workspaceId, String key, String hash) {
        return keys.find(workspaceId, key)
                .switchIfEmpty(Mono.error(inProgress()))
                .map(stored -> {
                    if (!stored.requestHash().equals(hash)) {
                        throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "Idempotency-Key reused",
                                "This Idempotency-Key was used for a different request in the last 24 hours: use a new key for a new request.",
                                List.of(new FieldError(HEADER, "Already used with a different request body or endpoint.")));
                    }
                    if (!stored.answered()) {
                        throw inProgress();
                    }
                    JsonNode body = json.readTree(cipher.decrypt(stored.encryptedBody()));
                    return ResponseEntity.status(stored.statusCode()).header(REPLAYED_HEADER, "true").<Object>body(body);
                });
    }

    private static ApiException inProgress() {
        return new ApiException(HttpStatus.CONFLICT, "Request in progress",
                "A request with this Idempotency-Key is still being processed: retry in a moment to get its answer.", List.of());
    }

    private String fingerprint(String endpoint, Object request) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(endpoint.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(json.writeValueAsBytes(request));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
