package com.penguinmails.webhooks.management.replay;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.penguinmails.webhooks.management.auth.ApiPrincipal;
import com.penguinmails.webhooks.management.openapi.Responses;
import com.penguinmails.webhooks.management.page.Page;
import reactor.core.publisher.Mono;

/**
 * Event replay (spec 001): the stored events of a time range sent again, to one webhook or to every webhook of the
 * workspace they match now. A replay is answered at once with the number of events found and runs in the background;
 * its progress can be followed and it can be cancelled, under either path.
 */
@RestController
@RequestMapping("/api/v1/platform")
@Tag(name = "Replays", description = "Sending the stored events of a time range again, paced behind live traffic.")
class ReplayController {

    private final ReplayService replays;

    ReplayController(ReplayService replays) {
        this.replays = replays;
    }

    @PostMapping("/webhooks/{webhookId}/replays")
    @Operation(operationId = "replayWebhookEvents", summary = "Replay a time range of events to a webhook",
            description = "Answers at once with `events_found`: the stored events of the range, of the types asked for "
                    + "(every type when left out) that the webhook subscribes to. They are then queued in the background, "
                    + "paced, each as the next attempt of its delivery (same delivery id) if the webhook's filters pass. "
                    + "409 when the webhook is not active.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
                    name = "opens and clicks", value = ReplayExamples.CREATE_REQUEST))),
            responses = @ApiResponse(responseCode = "409", description = "The webhook is paused or disabled"))
    @ReplayResponses.Started
    @Responses.WebhookNotFound
    Mono<ResponseEntity<ReplayView>> replayToWebhook(ApiPrincipal principal, @PathVariable String webhookId,
                                                     @RequestBody(required = false) ReplayRequest request) {
        return create(principal, webhookId, request);
    }

    @PostMapping("/replays")
    @Operation(operationId = "replayWorkspaceEvents", summary = "Replay a time range of events to every webhook of the workspace",
            description = "As for one webhook, to every active webhook of the workspace that subscribes to each event and "
                    + "whose filters it passes now. `events_found` counts the stored events of the range and types that at "
                    + "least one active webhook subscribes to.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(
                    name = "opens and clicks", value = ReplayExamples.CREATE_REQUEST))))
    @ReplayResponses.Started
    Mono<ResponseEntity<ReplayView>> replayToWorkspace(ApiPrincipal principal, @RequestBody(required = false) ReplayRequest request) {
        return create(principal, null, request);
    }

    @GetMapping("/webhooks/{webhookId}/replays")
    @Operation(operationId = "listWebhookReplays", summary = "List a webhook's replays", description = "Newest first, a page at a time.")
    Mono<Page<ReplayView>> listForWebhook(ApiPrincipal principal, @PathVariable String webhookId,
                                          @Parameter(description = "Replays per page, 1–100") @RequestParam(required = false) String limit,
                                          @Parameter(description = "The `next_cursor` of the previous page") @RequestParam(required = false) String cursor) {
        return replays.list(principal, webhookId, limit, cursor);
    }

    @GetMapping("/replays")
    @Operation(operationId = "listReplays", summary = "List the workspace's replays",
            description = "Every replay of the workspace, to one webhook or to all, newest first, a page at a time.")
    Mono<Page<ReplayView>> list(ApiPrincipal principal,
                                @Parameter(description = "Replays per page, 1–100") @RequestParam(required = false) String limit,
                                @Parameter(description = "The `next_cursor` of the previous page") @RequestParam(required = false) String cursor) {
        return replays.list(principal, null, limit, cursor);
    }

    @GetMapping("/webhooks/{webhookId}/replays/{replayId}")
    @Operation(operationId = "getWebhookReplay", summary = "Get a replay's state and progress",
            description = "`events_queued` of `events_found` (spec 001: \"Replaying... (234 / 1,247)\").",
            responses = @ApiResponse(responseCode = "200", description = "The replay",
                    content = @Content(schema = @Schema(implementation = ReplayView.class),
                            examples = @ExampleObject(name = "replay", value = ReplayExamples.RUNNING))))
    Mono<ReplayView> getForWebhook(ApiPrincipal principal, @PathVariable String webhookId, @PathVariable String replayId) {
        return replays.find(principal, webhookId, replayId);
    }

    @GetMapping("/replays/{replayId}")
    @Operation(operationId = "getReplay", summary = "Get a replay's state and progress",
            description = "Any replay of the workspace, to one webhook or to all.")
    Mono<ReplayView> get(ApiPrincipal principal, @PathVariable String replayId) {
        return replays.find(principal, null, replayId);
    }

    @DeleteMapping("/webhooks/{webhookId}/replays/{replayId}")
    @Operation(operationId = "cancelWebhookReplay", summary = "Cancel a replay",
            description = "No batch starts after the answer; what was already queued is still delivered. 409 once it has completed or failed.")
    Mono<ReplayView> cancelForWebhook(ApiPrincipal principal, @PathVariable String webhookId, @PathVariable String replayId) {
        return replays.cancel(principal, webhookId, replayId);
    }

    @DeleteMapping("/replays/{replayId}")
    @Operation(operationId = "cancelReplay", summary = "Cancel a replay",
            description = "No batch starts after the answer; what was already queued is still delivered. 409 once it has completed or failed.")
    Mono<ReplayView> cancel(ApiPrincipal principal, @PathVariable String replayId) {
        return replays.cancel(principal, null, replayId);
    }

    private Mono<ResponseEntity<ReplayView>> create(ApiPrincipal principal, String webhookId, ReplayRequest request) {
        return replays.create(principal, webhookId, request)
                .map(view -> ResponseEntity.status(HttpStatus.ACCEPTED)
                        .location(URI.create("/api/v1/platform/replays/" + view.id())).body(view));
    }
}
