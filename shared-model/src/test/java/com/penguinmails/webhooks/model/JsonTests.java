package com.penguinmails.webhooks.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class JsonTests {

    @Test
    void writesSnakeCaseAndIsoInstantsAndReadsThemBack() {
        EventEnvelope event = Json.read(EventType.EMAIL_OPENED.exampleJson(), EventEnvelope.class);
        DeliveryTask task = new DeliveryTask("dlv_1", "wh_1", "ws_1", event, 2, Instant.parse("2026-01-01T00:01:00Z"),
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        String json = Json.writeString(task);
        assertThat(json).contains("\"delivery_id\":\"dlv_1\"", "\"due_at\":\"2026-01-01T00:01:00Z\"",
                "\"created_at\":\"2025-11-25T14:30:00Z\"");
        assertThat(Json.read(json, DeliveryTask.class)).isEqualTo(task);
    }

    @Test
    void ignoresFieldsANewerProducerAdded() {
        WebhookConfig config = Json.read("""
                {"id":"wh_1","workspace_id":"ws_1","url":"https://x.test/h","event_types":["email.opened"],
                 "status":"active","timeout_millis":5000,"max_attempts":6,"flavor":"platform",
                 "secrets":[{"encrypted":"abc"},{"encrypted":"old","expires_at":"2026-01-01T00:00:00Z"}],
                 "something_new":true}""", WebhookConfig.class);
        assertThat(config.isActive()).isTrue();
        assertThat(config.subscribesTo("email.opened")).isTrue();
        assertThat(config.subscribesTo("email.clicked")).isFalse();
        assertThat(config.liveSecrets(Instant.parse("2025-12-31T23:59:59Z"))).extracting(SigningSecret::encrypted)
                .isEqualTo(List.of("abc", "old"));
        assertThat(config.liveSecrets(Instant.parse("2026-01-01T00:00:00Z"))).extracting(SigningSecret::encrypted)
                .isEqualTo(List.of("abc"));
        AttemptRecord attempt = new AttemptRecord("dlv_1", "wh_1", "ws_1", "evt_1", "email.opened", 1, 6,
                AttemptOutcome.DELIVERED, "https://x.test/h", 200, 12, null, null, Map.of("a", "b"), Map.of("c", "d"), "OK", false,
                Instant.EPOCH, null, false, "{\"id\":\"evt_1\"}", "4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(Json.read(Json.write(attempt), AttemptRecord.class)).isEqualTo(attempt);
    }
}
