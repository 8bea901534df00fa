package com.penguinmails.webhooks.management.health;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.stereotype.Service;

import com.penguinmails.webhooks.management.mail.MailOutbox;
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
 * event, with ids derived from the webhook and its streak, so a re-processed attempt cannot announce twice. Both
 * transitions also queue an e-mail to the workspace's admins, in the same transaction.
 */
@Service
public class WebhookHealth {

    private final HealthRepository health;
    private final OutboxRepository outbox;
    private final MailOutbox mail;
    private final HealthPolicy policy;
    private final Clock clock;

    WebhookHealth(HealthRepository health, OutboxRepository outbox, MailOutbox mail, HealthProperties properties, Clock clock) {
        this.health = health;
        this.outbox = outbox;
        this.mail = mail;
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
                        int failed = transition.next().failedDeliveries();
                        saved = saved.then(systemEvent(EventType.WEBHOOK_FAILING, attempt, row, failed, null))
                                .then(mail.toAdmins(attempt.workspaceId(),
                                        "Webhook failing: " + row.url(),
                                        mailBody(attempt, row, "has failed " + failed + " deliveries in a row and is now marked failing."
                                                + " Deliveries are still being attempted and retried."),
                                        dedupeKey(EventType.WEBHOOK_FAILING, attempt, row)));
                    }
                    if (transition.shouldDisable()) {
                        int failed = transition.next().failedAttempts();
                        saved = saved.then(systemEvent(EventType.WEBHOOK_DISABLED, attempt, row, failed,
                                "paused after " + failed + " consecutive failed attempts"))
                                .then(mail.toAdmins(attempt.workspaceId(),
                                        "Webhook paused after " + failed + " consecutive failures: " + row.url(),
                                        mailBody(attempt, row, "was paused after " + failed + " consecutive failed attempts."
                                                + " Events that arrive while it is paused are recorded as skipped; resume it"
                                                + " (and replay what was skipped) once the endpoint works again."),
                                        dedupeKey(EventType.WEBHOOK_DISABLED, attempt, row)));
                    }
                    return saved.thenReturn(transition.shouldDisable());
                })
                .defaultIfEmpty(false);
    }

    private static String dedupeKey(EventType type, AttemptRecord attempt, HealthRepository.Row row) {
        return type.typeName() + ":" + attempt.webhookId() + ":" + (row.lastSuccessAt() == null ? "never" : row.lastSuccessAt());
    }

    private static String mailBody(AttemptRecord attempt, HealthRepository.Row row, String what) {
        StringBuilder body = new StringBuilder()
                .append("Your webhook ").append(attempt.webhookId()).append(" (").append(row.url()).append(") ").append(what)
                .append("\n\nLast attempt: ").append(attempt.attemptedAt());
        if (attempt.statusCode() != null) {
            body.append(", HTTP ").append(attempt.statusCode());
        }
        if (attempt.error() != null) {
            body.append(", ").append(attempt.error());
        }
        return body.append("\n\nView details: /webhooks/").append(attempt.webhookId()).append('\n').toString();
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
