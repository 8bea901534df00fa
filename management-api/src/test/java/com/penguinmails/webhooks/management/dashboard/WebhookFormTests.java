package com.penguinmails.webhooks.management.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import com.penguinmails.webhooks.management.problem.FieldError;
import com.penguinmails.webhooks.management.webhook.CreateWebhookRequest;
import com.penguinmails.webhooks.management.webhook.WebhookView;
import com.penguinmails.webhooks.model.Json;

class WebhookFormTests {

    @Test
    void turnsTheTypedFormIntoTheApisRequestWithItsFilters() {
        MultiValueMap<String, String> typed = new LinkedMultiValueMap<>();
        typed.add("name", "CRM");
        typed.add("url", "https://crm.example.com/hook");
        typed.addAll("events", List.of("email.opened", "email.clicked"));
        typed.add("status", "active");
        typed.add("timeout_seconds", " 10 ");
        typed.add("max_retries", "3");
        typed.add("workspaces", "ws_a, ws_b");
        typed.add("campaign_ids", "camp_1");
        typed.add("contact_tags", "vip, , premium");
        typed.add("payload_filter", "{\"opened_count\": {\"$gte\": 3}}");
        List<FieldError> errors = new ArrayList<>();

        CreateWebhookRequest request = WebhookForm.of(typed).toRequest(errors);

        assertThat(errors).isEmpty();
        assertThat(request.timeoutSeconds()).isEqualTo(10);
        assertThat(request.maxRetries()).isEqualTo(3);
        // the checkbox was not sent: retries off
        assertThat(request.retriesEnabled()).isFalse();
        assertThat(request.description()).isNull();
        assertThat(request.filters().toString()).isEqualTo("{\"workspaces\":[\"ws_a\",\"ws_b\"],\"campaign_ids\":[\"camp_1\"],"
                + "\"contact_tags\":{\"any\":[\"vip\",\"premium\"]},\"payload\":{\"opened_count\":{\"$gte\":3}}}");
    }

    @Test
    void anEditSentBackAsABrowserSendsItChangesNothing() {
        WebhookView current = webhook("disabled", List.of("email.opened", "email.*", "campaign.paused"),
                "{\"workspaces\":[\"ws_a,b\",\" padded \"],\"contact_tags\":{\"all\":[\"vip\",\"premium\"]},"
                        + "\"payload\":{\"opened_count\":{\"$gte\":3.50}}}",
                "\nFirst line\r\nsecond\rthird", Map.of("Authorization", "Bearer  t", "X-Tenant", " acme: eu "));
        WebhookForm shown = WebhookForm.of(current);
        assertThat(shown.contactTagsMatch()).isEqualTo("all");
        assertThat(shown.contactTags()).isEqualTo("vip, premium");
        assertThat(shown.status()).isEqualTo("disabled");
        assertThat(shown.headers()).contains("X-Tenant:  acme: eu \n");

        // what a browser posts: textarea line breaks as CRLF, the checkboxes in page order
        WebhookForm posted = new WebhookForm(shown.name(), shown.description().replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n"),
                shown.url(), List.of("email.*", "email.opened", "campaign.paused"), shown.status(), shown.timeoutSeconds(), shown.maxRetries(),
                shown.retriesEnabled(), shown.workspaces(), shown.campaignIds(), shown.contactTags(), shown.contactTagsMatch(),
                shown.payloadFilter().replace("\n", "\r\n"), shown.headers().replace("\n", "\r\n"), false);
        List<FieldError> errors = new ArrayList<>();
        CreateWebhookRequest request = posted.toRequest(errors, current);

        assertThat(errors).isEmpty();
        assertThat(request).isEqualTo(new CreateWebhookRequest(current.name(), current.description(), current.url(), current.events(),
                "disabled", current.timeoutSeconds(), current.maxRetries(), current.retriesEnabled(), current.filters(), current.headers()));
    }

    @Test
    void anEditReplacesOnlyWhatWasChanged() {
        WebhookView current = webhook("active", List.of("email.opened", "email.*"),
                "{\"workspaces\":[\"ws_a,b\"],\"contact_tags\":{\"any\":[\"vip\"]}}", null, Map.of("X-Tenant", "acme"));
        WebhookForm shown = WebhookForm.of(current);
        WebhookForm posted = new WebhookForm("Renamed", shown.description(), shown.url(), List.of("contact.created", "email.*", "email.opened"),
                "paused", shown.timeoutSeconds(), shown.maxRetries(), shown.retriesEnabled(), shown.workspaces(), shown.campaignIds(),
                "vip, premium", "all", "", "X-Tenant: acme\nAuthorization: Bearer x", false);

        CreateWebhookRequest request = posted.toRequest(new ArrayList<>(), current);

        assertThat(request.name()).isEqualTo("Renamed");
        assertThat(request.status()).isEqualTo("paused");
        // the webhook's events in their order, the new one after them
        assertThat(request.events()).containsExactly("email.opened", "email.*", "contact.created");
        // the untouched workspace list keeps its value with a comma in it
        assertThat(request.filters().toString()).isEqualTo("{\"workspaces\":[\"ws_a,b\"],\"contact_tags\":{\"all\":[\"vip\",\"premium\"]}}");
        assertThat(request.headers()).containsExactly(Map.entry("X-Tenant", "acme"), Map.entry("Authorization", "Bearer x"));
    }

    @Test
    void readsCustomHeadersOnePerLineAndNamesTheLinesItCannotRead() {
        MultiValueMap<String, String> typed = new LinkedMultiValueMap<>();
        typed.add("headers", "X-One:  two spaces\r\n\r\nX-Two:x\nno colon here\nX-One: again");
        List<FieldError> errors = new ArrayList<>();

        CreateWebhookRequest request = WebhookForm.of(typed).toRequest(errors);

        assertThat(request.headers()).containsExactly(Map.entry("X-One", "again"), Map.entry("X-Two", "x"));
        assertThat(errors).extracting(FieldError::field).containsExactly("headers", "headers.X-One");
        assertThat(WebhookForm.byField(errors)).containsOnlyKeys("headers");
    }

    private static WebhookView webhook(String status, List<String> events, String filters, String description, Map<String, String> headers) {
        return new WebhookView("wh_1", "CRM", description, "https://crm.example.com/hook", events, status, 7, 3, false,
                filters == null ? null : Json.mapper().readTree(filters), headers, true, 12, Instant.EPOCH, "ada@example.com",
                Instant.EPOCH, null, null);
    }

    @Test
    void reportsWhatItCannotParseUnderTheApisFieldNames() {
        MultiValueMap<String, String> typed = new LinkedMultiValueMap<>();
        typed.add("timeout_seconds", "five");
        typed.add("payload_filter", "{not json");
        List<FieldError> errors = new ArrayList<>();

        CreateWebhookRequest request = WebhookForm.of(typed).toRequest(errors);

        assertThat(errors).extracting(FieldError::field).containsExactly("timeout_seconds", "filters.payload");
        assertThat(request.timeoutSeconds()).isNull();
        assertThat(request.filters()).isNull();
        assertThat(request.events()).isEmpty();
    }

    @Test
    void aWebhookTestedFirstIsCreatedPausedWhateverStatusWasChosen() {
        MultiValueMap<String, String> typed = new LinkedMultiValueMap<>();
        typed.add("status", "active");
        typed.add("test_first", "true");
        assertThat(WebhookForm.of(typed).toRequest(new ArrayList<>()).status()).isEqualTo("paused");
    }

    @Test
    void gathersFilterAndEventErrorsUnderTheirInputs() {
        assertThat(WebhookForm.byField(List.of(new FieldError("filters.payload.$or[1].x.$between", "Unknown operator."),
                new FieldError("events[2]", "Unknown event type."), new FieldError("url", "Invalid URL."),
                new FieldError("events[3]", "Unknown too."))))
                .containsExactly(java.util.Map.entry("filters", "Unknown operator."),
                        java.util.Map.entry("events", "Unknown event type. Unknown too."), java.util.Map.entry("url", "Invalid URL."));
    }

    @Test
    void readsDatetimeLocalInputsAsUtcForTheApi() {
        assertThat(ReplayPanelController.utc("2026-11-24T10:05")).isEqualTo("2026-11-24T10:05Z");
        assertThat(ReplayPanelController.utc("  ")).isNull();
        // anything else goes as typed, for the API to name
        assertThat(ReplayPanelController.utc("yesterday")).isEqualTo("yesterday");
    }
}
