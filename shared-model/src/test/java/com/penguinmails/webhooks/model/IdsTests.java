package com.penguinmails.webhooks.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class IdsTests {

    @Test
    void randomIdsCarryTheirPrefixAndSortByCreationTime() {
        String earlier = Ids.random(Ids.EVENT, Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
        String later = Ids.random(Ids.EVENT, Clock.fixed(Instant.parse("2026-01-01T00:00:01Z"), ZoneOffset.UTC));
        assertThat(earlier).startsWith("evt_").hasSize(4 + 26);
        assertThat(earlier).isLessThan(later);
        assertThat(Ids.newWebhookId()).startsWith("wh_").isNotEqualTo(Ids.newWebhookId());
        assertThat(Ids.newWorkspaceId()).startsWith("ws_");
    }

    @Test
    void deliveryIdIsStableForTheSameEventAndWebhookOnly() {
        String id = Ids.deliveryId("evt_1", "wh_1");
        assertThat(id).startsWith("dlv_").hasSize(4 + 26).isEqualTo(Ids.deliveryId("evt_1", "wh_1"));
        assertThat(id).isNotEqualTo(Ids.deliveryId("evt_1", "wh_2")).isNotEqualTo(Ids.deliveryId("evt_2", "wh_1"));
    }

    @Test
    void checksPrefixAndSafeCharacters() {
        assertThat(Ids.hasPrefix("evt_abc-1_X", Ids.EVENT)).isTrue();
        assertThat(Ids.hasPrefix("evt_", Ids.EVENT)).isFalse();
        assertThat(Ids.hasPrefix("wh_abc", Ids.EVENT)).isFalse();
        assertThat(Ids.hasPrefix("evt_a b", Ids.EVENT)).isFalse();
        assertThat(Ids.hasPrefix("evt_" + "a".repeat(200), Ids.EVENT)).isFalse();
    }
}
