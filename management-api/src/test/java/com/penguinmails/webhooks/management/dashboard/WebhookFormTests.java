package com.penguinmails.webhooks.management.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

import com.penguinmails.webhooks.management.problem.FieldError;
import com.penguinmails.webhooks.management.webhook.CreateWebhookRequest;

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
