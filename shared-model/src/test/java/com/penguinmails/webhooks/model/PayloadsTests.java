package com.penguinmails.webhooks.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class PayloadsTests {

    @Test
    void readsAValidPayloadAndIgnoresFieldsAddedByANewerProducer() {
        EventEnvelope event = Payloads.read(bytes("{\"id\":\"evt_1\",\"type\":\"email.opened\",\"created_at\":\"2026-11-24T10:00:00Z\","
                + "\"data\":{\"email_id\":\"m\"},\"added_later\":true}"), EventEnvelope.class);
        assertThat(event.createdAt()).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
    }

    @Test
    void callsBytesThatAreNotJsonUndecodable() {
        assertThatThrownBy(() -> Payloads.read(new byte[] {(byte) 0xFF, 0, 1}, EventEnvelope.class))
                .isInstanceOfSatisfying(Payloads.Unreadable.class, e -> assertThat(e.code()).isEqualTo(Payloads.Unreadable.Code.UNDECODABLE));
        assertThatThrownBy(() -> Payloads.read(null, DeliveryTask.class)).isInstanceOf(Payloads.Unreadable.class);
    }

    @Test
    void callsJsonOfAnotherSchemaWrongSchemaNamingWhatIsMissing() {
        assertThatThrownBy(() -> Payloads.read(bytes("{\"schema_version\":2,\"event\":{}}"), EventEnvelope.class))
                .isInstanceOfSatisfying(Payloads.Unreadable.class, e -> {
                    assertThat(e.code()).isEqualTo(Payloads.Unreadable.Code.WRONG_SCHEMA);
                    assertThat(e.getMessage()).contains("id", "type", "created_at", "data");
                });
        assertThatThrownBy(() -> Payloads.read(bytes("{\"id\":\"evt_1\",\"type\":\"email.teleported\",\"created_at\":\"2026-11-24T10:00:00Z\",\"data\":{}}"),
                EventEnvelope.class)).hasMessageContaining("email.teleported");
        assertThatThrownBy(() -> Payloads.read(bytes("{\"delivery_id\":\"dlv_1\",\"attempt\":\"many\"}"), DeliveryTask.class))
                .isInstanceOfSatisfying(Payloads.Unreadable.class, e -> assertThat(e.code()).isEqualTo(Payloads.Unreadable.Code.WRONG_SCHEMA));
        assertThatThrownBy(() -> Payloads.read(bytes("[1,2]"), AttemptRecord.class))
                .isInstanceOfSatisfying(Payloads.Unreadable.class, e -> assertThat(e.code()).isEqualTo(Payloads.Unreadable.Code.WRONG_SCHEMA));
    }

    @Test
    void readsTheCompactedTopicsRecordsAndTheTestResultAndNamesWhatTheyLack() {
        WebhookConfig config = new WebhookConfig("wh_1", "ws_1", "https://example.com/h", java.util.List.of("email.opened"), "active",
                5000, 6, "platform", java.util.List.of(), null, null, null);
        assertThat(Payloads.read(Json.write(config), WebhookConfig.class)).usingRecursiveComparison().ignoringFields("filters").isEqualTo(config);
        ApiKeyRecord key = new ApiKeyRecord("ab12", "key_1", "ws_1", "admin");
        assertThat(Payloads.read(Json.write(key), ApiKeyRecord.class)).isEqualTo(key);
        WorkspaceDeliveryState state = new WorkspaceDeliveryState("ws_1", "starter", 10, true, Instant.EPOCH, 1);
        assertThat(Payloads.read(Json.write(state), WorkspaceDeliveryState.class)).isEqualTo(state);

        assertThatThrownBy(() -> Payloads.read(bytes("{\"timeout_millis\":5000,\"max_attempts\":6}"), WebhookConfig.class))
                .isInstanceOfSatisfying(Payloads.Unreadable.class, e -> {
                    assertThat(e.code()).isEqualTo(Payloads.Unreadable.Code.WRONG_SCHEMA);
                    assertThat(e.getMessage()).contains("id", "workspace_id", "url", "event_types", "status", "secrets");
                });
        assertThatThrownBy(() -> Payloads.read(bytes("{\"key_hash\":\"ab12\"}"), ApiKeyRecord.class))
                .hasMessageContaining("key_id").hasMessageContaining("role");
        assertThatThrownBy(() -> Payloads.read(bytes("{\"limit_per_second\":5,\"throttled\":true,\"deferred\":0}"), WorkspaceDeliveryState.class))
                .hasMessageContaining("workspace_id");
        assertThatThrownBy(() -> Payloads.read(bytes("{\"request_id\":\"tst_1\",\"response_truncated\":false,\"duration_millis\":3}"), TestSendResult.class))
                .hasMessageContaining("delivery_id").hasMessageContaining("attempted_at");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
