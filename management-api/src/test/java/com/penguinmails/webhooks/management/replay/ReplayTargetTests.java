package com.penguinmails.webhooks.management.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.Json;

class ReplayTargetTests {

    @Test
    void matchesAnEventOfASubscribedTypeThatPassesTheFilters() {
        ReplayTarget target = ReplayTarget.of("wh_1", List.of("campaign.paused"), "{\"campaign_ids\": [\"camp_a\"]}");

        assertThat(target.matches("ws_1", paused("camp_a"))).isTrue();
        assertThat(target.matches("ws_1", paused("camp_b"))).isFalse();
    }

    @Test
    void matchesEveryTypeOfASubscribedCategory() {
        ReplayTarget target = ReplayTarget.of("wh_1", List.of("campaign.*"), null);

        assertThat(target.matches("ws_1", paused("camp_a"))).isTrue();
        assertThat(target.matches("ws_1", event("email.opened", Map.of()))).isFalse();
    }

    @Test
    void matchesNothingWhenItsFiltersDoNotCompile() {
        ReplayTarget target = ReplayTarget.of("wh_1", List.of("campaign.paused"), "{\"colour\": \"blue\"}");

        assertThat(target.matches("ws_1", paused("camp_a"))).isFalse();
    }

    @Test
    void scansTheTypesAskedForThatSomeTargetSubscribesTo() {
        List<ReplayTarget> targets = List.of(ReplayTarget.of("wh_1", List.of("email.opened"), null),
                ReplayTarget.of("wh_2", List.of("campaign.*"), null));

        assertThat(ReplayTarget.scanTypes(List.of("email.*", "contact.created"), targets)).containsExactly("email.opened");
        assertThat(ReplayTarget.scanTypes(null, targets))
                .containsExactly("email.opened", "campaign.launched", "campaign.completed", "campaign.paused");
        assertThat(ReplayTarget.scanTypes(null, List.of())).isEmpty();
    }

    private static EventEnvelope paused(String campaign) {
        return event("campaign.paused", Map.of("campaign_id", campaign));
    }

    private static EventEnvelope event(String type, Map<String, Object> data) {
        return new EventEnvelope("evt_1", type, Instant.parse("2026-11-24T10:00:00Z"), Json.mapper().valueToTree(data));
    }
}
