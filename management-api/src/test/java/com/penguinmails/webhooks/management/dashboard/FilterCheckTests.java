package com.penguinmails.webhooks.management.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

class FilterCheckTests {

    @Test
    void aValidFilterSaysWhichChosenSamplesItLetsThrough() {
        FilterCheck check = FilterCheck.of(form("{\"location.country\": \"US\"}", "", "email.opened", "email.clicked"), "ws_a");

        assertThat(check.valid()).isTrue();
        assertThat(check.samples()).containsExactly(new FilterCheck.SampleMatch("email.opened", true),
                new FilterCheck.SampleMatch("email.clicked", false));
    }

    @Test
    void theWorkspaceFilterIsCheckedAgainstTheUsersWorkspace() {
        assertThat(FilterCheck.of(form("", "ws_a", "email.opened"), "ws_a").samples().getFirst().matches()).isTrue();
        assertThat(FilterCheck.of(form("", "ws_b", "email.opened"), "ws_a").samples().getFirst().matches()).isFalse();
    }

    @Test
    void aBadOperatorIsNamedWithItsPathAsTheApiWouldSayIt() {
        FilterCheck check = FilterCheck.of(form("{\"opened_count\": {\"$most\": 3}}", "", "email.opened"), "ws_a");

        assertThat(check.valid()).isFalse();
        assertThat(check.path()).startsWith("filters.payload.opened_count");
        assertThat(check.reason()).isNotBlank();
        assertThat(check.samples()).isEmpty();
    }

    @Test
    void textThatIsNotJsonIsRefusedBeforeCompiling() {
        FilterCheck check = FilterCheck.of(form("{opened_count: ", "", "email.opened"), "ws_a");

        assertThat(check.valid()).isFalse();
        assertThat(check.path()).isEqualTo("filters.payload");
        assertThat(check.reason()).contains("must be JSON");
    }

    private static WebhookForm form(String payload, String workspaces, String... events) {
        MultiValueMap<String, String> typed = new LinkedMultiValueMap<>();
        typed.addAll("events", List.of(events));
        typed.add("payload_filter", payload);
        typed.add("workspaces", workspaces);
        return WebhookForm.of(typed);
    }
}
