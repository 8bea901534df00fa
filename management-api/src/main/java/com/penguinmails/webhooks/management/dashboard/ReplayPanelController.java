package com.penguinmails.webhooks.management.dashboard;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

import com.penguinmails.webhooks.management.problem.ApiException;
import com.penguinmails.webhooks.management.problem.FieldError;
import com.penguinmails.webhooks.management.replay.ReplayRequest;
import com.penguinmails.webhooks.management.replay.ReplayService;
import reactor.core.publisher.Mono;

/**
 * Replay from the details page (spec 004 "EventReplay"): a time range and types in, the count found, then the
 * progress, polled by htmx while the replay runs, and a cancel button. Fragments of {@code dashboard/replay}.
 */
@Controller
class ReplayPanelController {

    private static final String BASE = DashboardSecurityConfiguration.HOME;

    private final ReplayService replays;

    ReplayPanelController(ReplayService replays) {
        this.replays = replays;
    }

    @PostMapping(BASE + "/{id}/replays")
    Mono<Rendering> start(@AuthenticationPrincipal DashboardUser user, @PathVariable String id, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            List<String> types = form.getOrDefault("event_types", List.of());
            String pace = form.getFirst("events_per_second");
            Integer eventsPerSecond;
            try {
                eventsPerSecond = pace == null || pace.isBlank() ? null : Integer.valueOf(pace.trim());
            } catch (NumberFormatException e) {
                return Mono.just(refused(ApiException.validation(List.of(new FieldError(
                        "events_per_second", "Pace must be a whole number of events per second.")))));
            }
            ReplayRequest request = new ReplayRequest(utc(form.getFirst("from")), utc(form.getFirst("to")),
                    types.isEmpty() ? null : types, eventsPerSecond);
            return Mono.defer(() -> replays.create(user.principal(), id, request))
                    .map(replay -> progress(id, replay))
                    .onErrorResume(ApiException.class, e -> e.status() == HttpStatus.NOT_FOUND ? Mono.error(e) : Mono.just(refused(e)));
        });
    }

    /** The API's refusal inside the panel, with status 200: htmx swaps 2xx answers only. */
    private static Rendering refused(ApiException e) {
        return Rendering.view("dashboard/replay :: refused").modelAttribute("detail", e.getMessage())
                .modelAttribute("errors", e.errors()).build();
    }

    @GetMapping(BASE + "/{id}/replays/{replayId}")
    Mono<Rendering> poll(@AuthenticationPrincipal DashboardUser user, @PathVariable String id, @PathVariable String replayId) {
        return Mono.defer(() -> replays.find(user.principal(), id, replayId)).map(replay -> progress(id, replay));
    }

    @PostMapping(BASE + "/{id}/replays/{replayId}/cancel")
    Mono<Rendering> cancel(@AuthenticationPrincipal DashboardUser user, @PathVariable String id, @PathVariable String replayId) {
        return Mono.defer(() -> replays.cancel(user.principal(), id, replayId))
                .onErrorResume(ApiException.class, e -> e.status() == HttpStatus.CONFLICT
                        ? replays.find(user.principal(), id, replayId) : Mono.error(e))
                .map(replay -> progress(id, replay));
    }

    private static Rendering progress(String webhookId, Object replay) {
        return Rendering.view("dashboard/replay :: progress").modelAttribute("webhookId", webhookId).modelAttribute("replay", replay).build();
    }

    /**
     * A {@code datetime-local} value ({@code 2026-11-24T10:00}), read as UTC as the page says, in the API's ISO-8601
     * with offset; anything else goes to the API as typed, for its own error.
     */
    static String utc(String local) {
        if (local == null || local.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(local.trim()).atOffset(ZoneOffset.UTC).toString();
        } catch (DateTimeParseException e) {
            return local.trim();
        }
    }
}
