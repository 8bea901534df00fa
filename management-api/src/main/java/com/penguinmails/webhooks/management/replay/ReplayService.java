package com.penguinmails.webhooks.management.replay;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import com.penguinmails.webhooks.management.page.Cursor;
import com.penguinmails.webhooks.management.page.Page;
import com.penguinmails.webhooks.management.page.PageRequest;
import com.penguinmails.webhooks.management.problem.ApiException;
import com.penguinmails.webhooks.model.Ids;
import reactor.core.publisher.Mono;

/**
 * Starts, shows and cancels replay jobs. A new job is counted at once (spec 001 "Found: 1,247 matching events") and
 * then left to {@link ReplayRunner}, which works through it in the background on whichever instance claims it.
 */
@Service
class ReplayService {

    static final String ID_PREFIX = "rpl_";

    private final ReplayRepository replays;
    private final ReplayRunner runner;
    private final Clock clock;

    ReplayService(ReplayRepository replays, ReplayRunner runner, Clock clock) {
        this.replays = replays;
        this.runner = runner;
        this.clock = clock;
    }

    /**
     * Creates a job for one webhook, which must be active, or for every active webhook of the workspace (null): it
     * reads the stored events of the range whose types are asked for and subscribed to. With none found it is
     * completed at once.
     */
    Mono<ReplayView> create(String workspaceId, String webhookId, ReplayValidator.ValidReplay valid) {
        Mono<Void> webhookReady = webhookId == null ? Mono.empty() : replays.webhookStatus(workspaceId, webhookId)
                .switchIfEmpty(Mono.error(ApiException.notFound("Webhook " + webhookId)))
                .flatMap(status -> status.equals("active") ? Mono.<Void>empty()
                        : Mono.error(new ApiException(HttpStatus.CONFLICT, "Webhook not active",
                                "Webhook " + webhookId + " is " + status + "; resume it first: a replay only goes to active webhooks.", List.of())));
        return webhookReady
                .then(replays.activeTargets(workspaceId, webhookId).collectList())
                .map(targets -> ReplayTarget.scanTypes(valid.eventTypes(), targets))
                .flatMap(scanTypes -> replays.countEvents(workspaceId, scanTypes, valid.from(), valid.to())
                        .flatMap(found -> {
                            Instant now = clock.instant();
                            boolean nothing = found == 0;
                            return replays.insert(new ReplayJob(Ids.random(ID_PREFIX, clock), workspaceId, webhookId,
                                    valid.eventTypes(), scanTypes, valid.from(), valid.to(), valid.eventsPerSecond(),
                                    nothing ? ReplayJob.COMPLETED : ReplayJob.QUEUED, found, 0, 0, null, null, now, now, now,
                                    nothing ? now : null, null));
                        }))
                .doOnNext(job -> runner.kick())
                .map(ReplayView::of);
    }

    /** Completes when the workspace has the webhook; 404 otherwise. */
    Mono<Void> requireWebhook(String workspaceId, String webhookId) {
        return replays.webhookStatus(workspaceId, webhookId)
                .switchIfEmpty(Mono.error(ApiException.notFound("Webhook " + webhookId)))
                .then();
    }

    /** A job of the workspace (and of the webhook, when one is given). */
    Mono<ReplayView> find(String workspaceId, String webhookId, String id) {
        return replays.find(workspaceId, webhookId, id).map(ReplayView::of).switchIfEmpty(notFound(id));
    }

    Mono<Page<ReplayView>> list(String workspaceId, String webhookId, PageRequest page) {
        return replays.findPage(workspaceId, webhookId, page.after(), page.fetchSize()).collectList()
                .map(jobs -> Page.of(jobs, page, ReplayView::of, job -> new Cursor(job.createdAt(), job.id())));
    }

    /**
     * Cancels a queued or running job: no batch starts after the answer (one in progress finishes, so what it queued
     * is still delivered). Cancelling a cancelled job again answers it as it is; a finished one cannot be.
     */
    Mono<ReplayView> cancel(String workspaceId, String webhookId, String id) {
        return replays.find(workspaceId, webhookId, id)
                .switchIfEmpty(notFound(id))
                .flatMap(job -> job.isActive()
                        ? replays.cancel(workspaceId, id, clock.instant()).switchIfEmpty(Mono.defer(() -> replays.find(workspaceId, webhookId, id)))
                        : Mono.just(job))
                .flatMap(job -> job.isActive() || job.state().equals(ReplayJob.CANCELLED) ? Mono.just(job)
                        : Mono.error(new ApiException(HttpStatus.CONFLICT, "Replay already finished",
                                "Replay " + id + " is " + job.state() + "; there is nothing left to cancel.", List.of())))
                .map(ReplayView::of);
    }

    private static <T> Mono<T> notFound(String id) {
        return Mono.error(ApiException.notFound("Replay " + id));
    }
}
