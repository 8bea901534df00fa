package com.penguinmails.webhooks.management.health;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Service;

import com.penguinmails.webhooks.management.outbox.OutboxRepository;
import com.penguinmails.webhooks.model.AttemptOutcome;
import com.penguinmails.webhooks.model.AttemptRecord;
import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Ids;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;
import reactor.core.publisher.Mono;

/**
 * Applies each new attempt to its webhook's health ({@link HealthPolicy}). Crossing into failing publishes a
 * {@code webhook.failing} system event; reaching the attempt streak disables the webhook and publishes
 * {@code webhook.disabled}. System events go through the outbox to {@code webhooks.inbound.v1} like any platform
 * event, with ids derived from the webhook and its streak, so a re-processed attempt cannot announce twice.
 */
@Service
public class WebhookHealth {

    private final HealthRepository health;
    private final OutboxRepository outbox;
    private final HealthPolicy policy;
    private final Clock clock;

    WebhookHealth(HealthRepository health, OutboxRepository outbox, HealthProperties properties, Clock clock) {
        this.health = health;
        this.outbox = outbox;
        this.policy = new HealthPolicy(properties.failingAfterDeliveries(), properties.disableAfterAttempts());
        this.clock = clock;
    }

    /**
     * Updates the webhook's streaks for a newly recorded attempt; call it in the attempt's transaction. Emits whether
     * the webhook must now be disabled (done by the caller after the commit, through the webhook lifecycle).
     */
    public Mono<Boolean> onAttempt(AttemptRecord attempt) {
        if (attempt.outcome() == AttemptOutcome.SKIPPED) {
            return Mono.just(false);
        }
        return health.lockedState(attempt.workspaceId(), attempt.webhookId())
                .flatMap(row -> {
                    HealthPolicy.Transition transition = policy.apply(row.state(), attempt.outcome());
                    Mono<Void> saved = health.save(attempt.webhookId(), transition.next(),
                            attempt.outcome() == AttemptOutcome.DELIVERED, clock.instant());
                    if (transition.becameFailing()) {
                        saved = saved.then(systemEvent(EventType.WEBHOOK_FAILING, attempt, row, transition.next().failedDeliveries(), null));
                    }
                    if (transition.shouldDisable()) {
                        saved = saved.then(systemEvent(EventType.WEBHOOK_DISABLED, attempt, row, transition.next().failedAttempts(),
                                "paused after " + transition.next().failedAttempts() + " consecutive failed attempts"));
                    }
                    return saved.thenReturn(transition.shouldDisable());
                })
                .defaultIfEmpty(false);
    }

    private Mono<Void> systemEvent(EventType type, AttemptRecord attempt, HealthRepository.Row row, int count, String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("webhook_id", attempt.webhookId());
        data.put("url", row.url());
        data.put("consecutive_failures", count);
        if (attempt.statusCode() != null) {
            data.put("last_status_code", attempt.statusCode());
        }
        if (attempt.error() != null) {
            data.put("last_error", attempt.error());
        }
        if (reason != null) {
            data.put("reason", reason);
        }
        String streak = row.lastSuccessAt() == null ? "never" : row.lastSuccessAt().toString();
        EventEnvelope event = new EventEnvelope(Ids.derived(Ids.EVENT, attempt.webhookId(), type.typeName(), streak),
                type.typeName(), clock.instant(), Json.mapper().valueToTree(data));
        return outbox.append(Topics.INBOUND, attempt.workspaceId(), Json.write(event)).then();
    }

}
