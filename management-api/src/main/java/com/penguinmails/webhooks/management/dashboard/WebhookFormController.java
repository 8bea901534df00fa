package com.penguinmails.webhooks.management.dashboard;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

import com.penguinmails.webhooks.management.ManagementProperties;
import com.penguinmails.webhooks.management.events.EventCatalog;
import com.penguinmails.webhooks.management.problem.ApiException;
import com.penguinmails.webhooks.management.problem.FieldError;
import com.penguinmails.webhooks.management.testsend.TestSendBody;
import com.penguinmails.webhooks.management.testsend.TestSends;
import com.penguinmails.webhooks.management.testsend.TestSendView;
import com.penguinmails.webhooks.management.webhook.CreateWebhookRequest;
import com.penguinmails.webhooks.management.webhook.WebhookService;
import com.penguinmails.webhooks.management.webhook.WebhookView;
import com.penguinmails.webhooks.model.EventType;
import reactor.core.publisher.Mono;

/**
 * The create and edit pages (spec 004 "Create Webhook", "Edit Webhook"): the stepped form, validated by the API's
 * own validator, its field errors shown next to the inputs; on create, the secret shown once.
 */
@Controller
class WebhookFormController {

    private static final String BASE = DashboardSecurityConfiguration.HOME;

    private final WebhookService webhooks;
    private final TestSends tests;
    private final List<String> sourceIpRanges;

    WebhookFormController(WebhookService webhooks, TestSends tests, ManagementProperties properties) {
        this.webhooks = webhooks;
        this.tests = tests;
        this.sourceIpRanges = properties.sourceIpRanges();
    }

    @GetMapping(BASE + "/create")
    Rendering createPage() {
        return form(WebhookForm.blank(), Map.of(), null, HttpStatus.OK);
    }

    @PostMapping(BASE + "/create")
    Mono<Rendering> create(@AuthenticationPrincipal DashboardUser user, ServerWebExchange exchange) {
        return exchange.getFormData().flatMap(data -> {
            WebhookForm form = WebhookForm.of(data);
            List<FieldError> errors = new ArrayList<>();
            CreateWebhookRequest request = form.toRequest(errors);
            if (!errors.isEmpty()) {
                return Mono.just(form(form, WebhookForm.byField(errors), null, HttpStatus.BAD_REQUEST));
            }
            return Mono.defer(() -> webhooks.create(user.principal(), request))
                    .flatMap(created -> form.testFirst() ? testFirst(user, created) : Mono.just(created(created, null, null)))
                    .onErrorResume(ApiException.class, e -> refused(e, form, errors, null));
        });
    }

    /** Step 3's "Test Filter", posted by htmx with the whole form: valid or where and why not, and the samples' fate. */
    @PostMapping(BASE + "/filter-check")
    Mono<Rendering> checkFilter(@AuthenticationPrincipal DashboardUser user, ServerWebExchange exchange) {
        return exchange.getFormData().map(data -> Rendering.view("dashboard/form :: filter-check")
                .modelAttribute("check", FilterCheck.of(WebhookForm.of(data), user.workspaceId())).build());
    }

    @GetMapping(BASE + "/{id}/edit")
    Mono<Rendering> editPage(@AuthenticationPrincipal DashboardUser user, @PathVariable String id) {
        return Mono.defer(() -> webhooks.get(user.principal(), id))
                .map(webhook -> form(WebhookForm.of(webhook), Map.of(), webhook, HttpStatus.OK));
    }

    @PostMapping(BASE + "/{id}/edit")
    Mono<Rendering> edit(@AuthenticationPrincipal DashboardUser user, @PathVariable String id, ServerWebExchange exchange) {
        return Mono.defer(() -> webhooks.get(user.principal(), id)).flatMap(current -> exchange.getFormData().flatMap(data -> {
            WebhookForm form = WebhookForm.of(data);
            List<FieldError> errors = new ArrayList<>();
            CreateWebhookRequest request = form.toRequest(errors, current);
            if (!errors.isEmpty()) {
                return Mono.just(form(form, WebhookForm.byField(errors), current, HttpStatus.BAD_REQUEST));
            }
            return Mono.defer(() -> webhooks.replace(user.principal(), id, request))
                    .map(saved -> Rendering.redirectTo(BASE + "/" + id + "?saved").build())
                    .onErrorResume(ApiException.class, e -> refused(e, form, errors, current));
        }));
    }

    /**
     * Spec 004 "Test Before Saving": the webhook was created paused; send it the sample of its first event type and
     * show the result beside its secret, with "Activate" (or "Activate anyway") and "Retry test".
     */
    private Mono<Rendering> testFirst(DashboardUser user, WebhookView created) {
        TestSendBody sample = new TestSendBody(EventType.namesCoveredBy(created.events()).getFirst(), "sample", null);
        return Mono.defer(() -> tests.send(user.principal(), created.id(), sample))
                .map(result -> created(created, result, null))
                .onErrorResume(ApiException.class, e -> Mono.just(created(created, null, e.getMessage())));
    }

    private static Rendering created(WebhookView webhook, TestSendView testResult, String testRefused) {
        return Rendering.view("dashboard/created").modelAttribute("webhook", webhook)
                .modelAttribute("testResult", testResult).modelAttribute("testRefused", testRefused)
                .modelAttribute("tested", testResult != null || testRefused != null)
                .modelAttribute("testType", EventType.namesCoveredBy(webhook.events()).getFirst())
                .build();
    }

    /** A validation refusal shows the form again with every field's reason; anything else goes to the error page. */
    private Mono<Rendering> refused(ApiException e, WebhookForm form, List<FieldError> formErrors, WebhookView editing) {
        if (e.status() != HttpStatus.BAD_REQUEST) {
            return Mono.error(e);
        }
        List<FieldError> all = new ArrayList<>(formErrors);
        all.addAll(e.errors());
        return Mono.just(form(form, WebhookForm.byField(all), editing, HttpStatus.BAD_REQUEST));
    }

    private Rendering form(WebhookForm form, Map<String, String> errors, WebhookView editing, HttpStatus status) {
        return Rendering.view("dashboard/form").status(status)
                .modelAttribute("form", form)
                .modelAttribute("errors", errors)
                .modelAttribute("editing", editing)
                .modelAttribute("catalog", EventCatalog.catalog())
                .modelAttribute("sourceIpRanges", sourceIpRanges)
                .build();
    }
}
