package com.penguinmails.webhooks.management.health;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;

import com.penguinmails.webhooks.management.mail.MailOutboxRepository;
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
 * {@code webhook.disabled}; a delivered attempt that ends a failing episode tells the admins it recovered. System
 * events go through the outbox to {@code webhooks.inbound.v1} like any platform event, with ids derived from the
 * attempt that crossed the threshold, so a re-processed attempt cannot announce twice while every new episode is
 * announced. Each announcement also queues an e-mail to the workspace's admins, in the same transaction.
 */
@Service
public class WebhookHealth {

    private final HealthRepository health;
    private final OutboxRepository outbox;
    private final MailOutboxRepository mail;
    private final HealthPolicy policy;
    private final Clock clock;

    WebhookHealth(HealthRepository health, OutboxRepository outbox, MailOutboxRepository mail, HealthProperties properties, Clock clock) {
        this.health = health;
        this.outbox = outbox;
        this.mail = mail;
        this.policy = new HealthPolicy(properties.failingAfterAttempts(), properties.disableAfterAttempts());
        this.clock = clock;
    }

    /**
     * Updates the streaks of the webhooks of a batch of newly recorded attempts, in the batch's order, each webhook's
     * row locked and written once; call it in the batch's transaction. Emits the webhooks that must now be disabled,
     * webhook id → workspace id (done by the caller after the commit, through the webhook lifecycle).
     */
    public Mono<Map<String, String>> onAttempts(List<AttemptRecord> attempts) {
        Map<String, List<AttemptRecord>> byWebhook = new LinkedHashMap<>();
        for (AttemptRecord attempt : attempts) {
            if (attempt.outcome() != AttemptOutcome.SKIPPED) {
                byWebhook.computeIfAbsent(attempt.webhookId(), id -> new ArrayList<>()).add(attempt);
            }
        }
        if (byWebhook.isEmpty()) {
            return Mono.just(Map.of());
        }
        return health.lockedStates(byWebhook.keySet()).flatMap(locked -> {
            Map<String, String> toDisable = new LinkedHashMap<>();
            Mono<Void> writes = Mono.empty();
            for (Map.Entry<String, List<AttemptRecord>> entry : byWebhook.entrySet()) {
                HealthRepository.Locked webhook = locked.get(entry.getKey());
                if (webhook == null) {
                    continue; // deleted meanwhile
                }
                HealthRepository.Row row = webhook.row();
                Instant success = null;
                Instant failure = null;
                for (AttemptRecord attempt : entry.getValue()) {
                    if (!attempt.workspaceId().equals(webhook.workspaceId())) {
                        continue; // not this workspace's webhook: never let a record touch another workspace
                    }
                    HealthPolicy.Verdict verdict = HealthPolicy.verdict(attempt.outcome(), attempt.errorClass());
                    HealthPolicy.Transition transition = policy.apply(row.state(), verdict);
                    writes = writes.then(announce(transition, attempt, row));
                    if (transition.shouldDisable()) {
                        toDisable.put(attempt.webhookId(), attempt.workspaceId());
                    }
                    Instant now = clock.instant();
                    if (verdict == HealthPolicy.Verdict.DELIVERED) {
                        success = now;
                    } else {
                        failure = now;
                    }
                    HealthPolicy.State next = transition.next();
                    // once disabled, later attempts of the batch do not disable it again
                    row = new HealthRepository.Row(transition.shouldDisable()
                            ? new HealthPolicy.State(next.failedAttempts(), next.failing(), false) : next,
                            row.url(), verdict == HealthPolicy.Verdict.DELIVERED ? now : row.lastSuccessAt());
                }
                if (success != null || failure != null) {
                    writes = writes.then(health.save(entry.getKey(), row.state(), success, failure));
                }
            }
            return writes.thenReturn(toDisable);
        });
    }

    /** The system event and the admins' e-mail of a transition, if it crossed a threshold. */
    private Mono<Void> announce(HealthPolicy.Transition transition, AttemptRecord attempt, HealthRepository.Row row) {
        Mono<Void> saved = Mono.empty();
        int failed = transition.next().failedAttempts();
        if (transition.becameFailing()) {
            saved = saved.then(systemEvent(EventType.WEBHOOK_FAILING, attempt, row, failed, null))
                    .then(mail.toAdmins(attempt.workspaceId(),
                            "Webhook failing: " + row.url(),
                            mailBody(attempt, row, "has failed " + failed + " attempts in a row and is now marked failing."
                                    + " Deliveries are still being attempted and retried; it is paused after "
                                    + policy.disableAfterAttempts() + " failed attempts in a row."),
                            dedupeKey(EventType.WEBHOOK_FAILING.typeName(), attempt)));
        }
        if (transition.shouldDisable()) {
            saved = saved.then(systemEvent(EventType.WEBHOOK_DISABLED, attempt, row, failed,
                    "paused after " + failed + " consecutive failed attempts"))
                    .then(mail.toAdmins(attempt.workspaceId(),
                            "Webhook paused after " + failed + " consecutive failures: " + row.url(),
                            mailBody(attempt, row, "was paused after " + failed + " consecutive failed attempts."
                                    + " Events that arrive while it is paused are recorded as skipped; resume it"
                                    + " (and replay what was skipped) once the endpoint works again."),
                            dedupeKey(EventType.WEBHOOK_DISABLED.typeName(), attempt)));
        }
        if (transition.recovered()) {
            saved = saved.then(mail.toAdmins(attempt.workspaceId(),
                    "Webhook recovered: " + row.url(),
                    mailBody(attempt, row, "delivered again and is no longer marked failing."),
                    dedupeKey("webhook.recovered", attempt)));
        }
        return saved;
    }

    /** The attempt that crossed a threshold names the episode: a repeat of it finds the key taken, a new episode not. */
    private static String dedupeKey(String what, AttemptRecord attempt) {
        return what + ":" + attempt.webhookId() + ":" + attempt.deliveryId() + ":" + attempt.attempt();
    }

    private static String mailBody(AttemptRecord attempt, HealthRepository.Row row, String what) {
        StringBuilder body = new StringBuilder()
                .append("Your webhook ").append(attempt.webhookId()).append(" (").append(row.url()).append(") ").append(what)
                .append("\n\nLast attempt: ").append(attempt.attemptedAt());
        if (attempt.statusCode() != null) {
            body.append(", HTTP ").append(attempt.statusCode());
        }
        if (attempt.error() != null && !attempt.error().equals("HTTP " + attempt.statusCode())) {
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
        EventEnvelope event = new EventEnvelope(Ids.derived(Ids.EVENT, attempt.webhookId(), type.typeName(),
                attempt.deliveryId() + ":" + attempt.attempt()), type.typeName(), clock.instant(), Json.mapper().valueToTree(data));
        return outbox.append(Topics.INBOUND, attempt.workspaceId(), Json.write(event)).then();
    }

}
