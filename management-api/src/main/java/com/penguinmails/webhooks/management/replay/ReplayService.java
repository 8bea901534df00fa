package com.penguinmails.webhooks.management.replay;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import com.penguinmails.webhooks.management.auth.ApiPrincipal;
import com.penguinmails.webhooks.management.page.Cursor;
import com.penguinmails.webhooks.management.page.Page;
import com.penguinmails.webhooks.management.page.PageRequest;
import com.penguinmails.webhooks.management.problem.ApiException;
import com.penguinmails.webhooks.management.problem.FieldError;
import com.penguinmails.webhooks.model.Ids;
import reactor.core.publisher.Mono;

/**
 * Starts, shows and cancels replay jobs, for the API and the dashboard alike, scoped to the caller's workspace: a job
 * or webhook of another workspace is not found (404). A new job is counted at once (spec 001 "Found: 1,247 matching
 * events") and then left to {@link ReplayRunner}, which works through it in the background on whichever instance
 * claims it.
 */
@Service
public class ReplayService {

    static final String ID_PREFIX = "rpl_";
    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private final ReplayRepository replays;
    private final ReplayRunner runner;
    private final ReplayValidator validator;
    private final Clock clock;

    ReplayService(ReplayRepository replays, ReplayRunner runner, ReplayValidator validator, Clock clock) {
        this.replays = replays;
        this.runner = runner;
        this.validator = validator;
        this.clock = clock;
    }

    /**
     * Creates a job for one webhook, which must be active, or for every active webhook of the workspace (null): it
     * reads the stored events of the range whose types are asked for and subscribed to. With none found it is
     * completed at once. An invalid request is refused at once, by throwing.
     */
    public Mono<ReplayView> create(ApiPrincipal caller, String webhookId, ReplayRequest request) {
        ReplayValidator.ValidReplay valid = validator.validate(request);
        String workspaceId = caller.workspaceId();
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

    /**
     * A page of the replays of the webhook (404 when not in the workspace), or of the whole workspace (null), newest
     * first. A bad {@code limit} or {@code cursor} is refused at once, by throwing.
     */
    public Mono<Page<ReplayView>> list(ApiPrincipal caller, String webhookId, String limit, String cursor) {
        PageRequest page = page(limit, cursor);
        String workspaceId = caller.workspaceId();
        Mono<Void> webhookFound = webhookId == null ? Mono.empty() : replays.webhookStatus(workspaceId, webhookId)
                .switchIfEmpty(Mono.error(ApiException.notFound("Webhook " + webhookId)))
                .then();
        return webhookFound.then(replays.findPage(workspaceId, webhookId, page.after(), page.fetchSize()).collectList())
                .map(jobs -> Page.of(jobs, page, ReplayView::of, job -> new Cursor(job.createdAt(), job.id())));
    }

    /** A job of the workspace (and of the webhook, when one is given). */
    public Mono<ReplayView> find(ApiPrincipal caller, String webhookId, String id) {
        return replays.find(caller.workspaceId(), webhookId, id).map(ReplayView::of).switchIfEmpty(notFound(id));
    }

    /**
     * Cancels a queued or running job: no batch starts after the answer (one in progress finishes, so what it queued
     * is still delivered). Cancelling a cancelled job again answers it as it is; a finished one cannot be.
     */
    public Mono<ReplayView> cancel(ApiPrincipal caller, String webhookId, String id) {
        String workspaceId = caller.workspaceId();
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

    private static PageRequest page(String limit, String cursor) {
        List<FieldError> errors = new ArrayList<>();
        PageRequest page = PageRequest.parse(limit, cursor, DEFAULT_LIMIT, MAX_LIMIT, errors);
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return page;
    }

    private static <T> Mono<T> notFound(String id) {
        return Mono.error(ApiException.notFound("Replay " + id));
    }
}
