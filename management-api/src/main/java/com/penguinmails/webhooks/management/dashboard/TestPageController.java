package com.penguinmails.webhooks.management.dashboard;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

import com.penguinmails.webhooks.management.events.EventCatalog;
import com.penguinmails.webhooks.management.problem.ApiException;
import com.penguinmails.webhooks.management.problem.FieldError;
import com.penguinmails.webhooks.management.testsend.TestSendBody;
import com.penguinmails.webhooks.management.testsend.TestSends;
import com.penguinmails.webhooks.management.webhook.WebhookService;
import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;
import reactor.core.publisher.Mono;

/**
 * {@code /dashboard/settings/webhooks/{id}/test} (spec 004 "Test Webhook"): an event type, sample, latest real or
 * edited data, sent through the API's test send; the request and response shown in place (an htmx fragment); and
 * signature verification code in four languages.
 */
@Controller
class TestPageController {

    private static final String BASE = DashboardSecurityConfiguration.HOME;

    private final WebhookService webhooks;
    private final TestSends tests;

    TestPageController(WebhookService webhooks, TestSends tests) {
        this.webhooks = webhooks;
        this.tests = tests;
    }

    @GetMapping(BASE + "/{id}/test")
    Mono<Rendering> page(@AuthenticationPrincipal DashboardUser user, @PathVariable String id,
                         @RequestParam(name = "event_type", required = false) String eventType) {
        return Mono.defer(() -> webhooks.get(user.principal(), id)).map(webhook -> {
            String selected = eventType != null ? eventType : webhook.events().stream().filter(type -> !type.endsWith(".*"))
                    .findFirst().orElse("email.opened");
            return Rendering.view("dashboard/test")
                    .modelAttribute("webhook", webhook)
                    .modelAttribute("selected", selected)
                    .modelAttribute("samples", samples())
                    .modelAttribute("catalog", EventCatalog.catalog())
                    .build();
        });
    }

    @PostMapping(BASE + "/{id}/test")
    Mono<Rendering> send(@AuthenticationPrincipal DashboardUser user, @PathVariable String id, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(form -> {
            String source = form.getFirst("data_source");
            JsonNode data = null;
            if ("custom".equals(source)) {
                try {
                    data = Json.mapper().readTree(form.getFirst("payload") == null ? "" : form.getFirst("payload"));
                } catch (RuntimeException e) {
                    return Mono.just(refused("The payload must be JSON: the event's data object.",
                            List.of(new FieldError("data", "Not JSON: " + e.getMessage()))));
                }
            }
            TestSendBody body = new TestSendBody(form.getFirst("event_type"), source, data);
            return Mono.defer(() -> tests.send(user.principal(), id, body))
                    .map(result -> Rendering.view("dashboard/test-result :: result").modelAttribute("result", result).build())
                    .onErrorResume(ApiException.class, e -> e.status() == HttpStatus.NOT_FOUND ? Mono.error(e)
                            : Mono.just(refused(e.getMessage(), e.errors())));
        });
    }

    /** Every type's sample {@code data}, pretty-printed, for the payload editor to start from. */
    private static Map<String, String> samples() {
        Map<String, String> samples = new LinkedHashMap<>();
        for (EventCatalog.EventDescription event : EventCatalog.catalog().data()) {
            JsonNode data = event.example().get("data");
            samples.put(event.type(), Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(data));
        }
        return samples;
    }

    private static Rendering refused(String detail, List<FieldError> errors) {
        // 200, so htmx swaps it in: the refusal is the result shown
        return Rendering.view("dashboard/test-result :: refused").modelAttribute("detail", detail)
                .modelAttribute("errors", errors).build();
    }
}
