package com.penguinmails.webhooks.management.workspace;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.penguinmails.webhooks.management.auth.ApiPrincipal;
import com.penguinmails.webhooks.model.WorkspaceDeliveryState;
import reactor.core.publisher.Mono;

/** {@code GET /api/v1/platform/workspace}: the caller's workspace, its plan and whether its deliveries are throttled. */
@RestController
@RequestMapping("/api/v1/platform/workspace")
@Tag(name = "Workspace")
class WorkspaceController {

    /** Spec 004 "Rate Limit Exceeded". */
    static final String THROTTLED_MESSAGE = "Too many webhook deliveries. Upgrade plan for higher limits.";

    private final WorkspaceRepository workspaces;
    private final WorkspaceDeliveryStates states;

    WorkspaceController(WorkspaceRepository workspaces, WorkspaceDeliveryStates states) {
        this.workspaces = workspaces;
        this.states = states;
    }

    /**
     * @param throttled           whether deliveries over the plan's rate are being deferred right now
     * @param limitPerSecond      the plan's deliveries per second, once a dispatcher has reported it
     * @param throttledSince      when throttling began, while throttled
     * @param message             what the dashboard shows while throttled
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DeliveryRate(boolean throttled, Long limitPerSecond, Instant throttledSince, String message) {

        static DeliveryRate of(WorkspaceDeliveryState state) {
            if (state == null) {
                return new DeliveryRate(false, null, null, null);
            }
            return new DeliveryRate(state.throttled(), state.limitPerSecond(), state.throttled() ? state.since() : null,
                    state.throttled() ? THROTTLED_MESSAGE : null);
        }
    }

    record WorkspaceView(String id, String name, String plan, Instant createdAt, DeliveryRate deliveryRate) {
    }

    @GetMapping
    @Operation(operationId = "getWorkspace", summary = "Get the caller's workspace", description = "Its plan, and whether its deliveries are held back by the plan's rate.")
    Mono<WorkspaceView> get(ApiPrincipal principal) {
        return workspaces.find(principal.workspaceId())
                .map(row -> new WorkspaceView(row.id(), row.name(), row.plan(), row.createdAt(),
                        DeliveryRate.of(states.of(row.id()).orElse(null))));
    }
}
