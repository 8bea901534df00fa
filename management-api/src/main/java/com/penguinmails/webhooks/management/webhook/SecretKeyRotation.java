package com.penguinmails.webhooks.management.webhook;

import java.time.Clock;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Finishes a master key rotation. At start, every live webhook secret sealed by another key than the first of
 * {@code penguin.management.secret-encryption-key} (or by no named key, from before key ids) is sealed again with it
 * and its webhook's config is published again, a batch at a time, in the background. When the log says it is done,
 * no stored or published secret needs the old key; once the dispatchers run with the new ring and a day has passed
 * (stored idempotent answers live 24 hours), the old key can leave the ring.
 */
@Component
class SecretKeyRotation implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SecretKeyRotation.class);
    static final int BATCH_SIZE = 500;

    private final WebhookRepository webhooks;
    private final WebhookChanges changes;
    private final Clock clock;
    private volatile Disposable running;

    SecretKeyRotation(WebhookRepository webhooks, WebhookChanges changes, Clock clock) {
        this.webhooks = webhooks;
        this.changes = changes;
        this.clock = clock;
    }

    /** Seals every stale live secret with the current key; emits how many there were. */
    Mono<Long> reencryptAll() {
        return batch().expand(count -> count == 0 ? Mono.empty() : batch()).reduce(0L, Long::sum);
    }

    private Mono<Long> batch() {
        return webhooks.staleSecrets(changes.currentKeyId(), clock.instant(), BATCH_SIZE).collectList()
                .flatMap(stale -> Flux.fromIterable(stale.stream()
                                .collect(Collectors.groupingBy(WebhookRepository.StaleSecret::webhookId, java.util.LinkedHashMap::new, Collectors.toList()))
                                .values())
                        .concatMap(this::reencrypt)
                        .then(Mono.just((long) stale.size())));
    }

    private Mono<Void> reencrypt(List<WebhookRepository.StaleSecret> secrets) {
        WebhookRepository.StaleSecret first = secrets.getFirst();
        return changes.reencrypt(first.workspaceId(), first.webhookId(), secrets);
    }

    @Override
    public void start() {
        running = reencryptAll().subscribe(
                count -> {
                    if (count > 0) {
                        log.info("sealed {} webhook secrets again with master key '{}'", count, changes.currentKeyId());
                    }
                },
                error -> log.error("re-encrypting webhook secrets with master key '{}' failed; it runs again at the next start",
                        changes.currentKeyId(), error));
    }

    @Override
    public void stop() {
        Disposable current = running;
        if (current != null) {
            current.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return running != null && !running.isDisposed();
    }
}
