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

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
