package com.penguinmails.webhooks.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EventTypeTests {

    @Test
    void catalogHoldsTheThirteenSpecTypesEmailSendingAndTwoSystemEvents() {
        assertThat(EventType.names()).hasSize(16).contains(
                "email.sent", "email.delivered", "email.opened", "email.clicked", "email.bounced",
                "email.spam_reported", "email.unsubscribed", "campaign.launched", "campaign.completed",
                "campaign.paused", "contact.created", "contact.updated", "contact.unsubscribed",
                "email.sending", "webhook.failing", "webhook.disabled");
        assertThat(Arrays.stream(EventType.values()).filter(t -> t.category() == EventCategory.SYSTEM))
                .extracting(EventType::typeName).containsExactly("webhook.failing", "webhook.disabled");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyExampleIsAnEnvelopeOfItsOwnType(EventType type) {
        EventEnvelope example = Json.read(type.exampleJson(), EventEnvelope.class);
        assertThat(example.type()).isEqualTo(type.typeName());
        assertThat(example.id()).startsWith("evt_");
        assertThat(example.createdAt()).isNotNull();
        assertThat(example.data().isObject()).isTrue();
        assertThat(type.typeName()).startsWith(type.category().label() == "system" ? "webhook." : type.category().label() + ".");
    }

    /** Spec 003, "Webhook Payload", verbatim. */
    static final String SPEC_003_WEBHOOK_PAYLOAD = """
            {
              "id": "evt_xyz789",
              "type": "delivered",
              "created_at": "2024-01-15T10:30:05Z",
              "data": {
                "email_id": "msg_abc123",
                "from": "sender@yourdomain.com",
                "to": "recipient@example.com",
                "subject": "Hello",
                "delivered_at": "2024-01-15T10:30:05Z"
              }
            }
            """;

    /** Spec 003, "Bounce Payload", verbatim. */
    static final String SPEC_003_BOUNCE_PAYLOAD = """
            {
              "id": "evt_xyz789",
              "type": "bounced",
              "created_at": "2024-01-15T10:30:05Z",
              "data": {
                "email_id": "msg_abc123",
                "from": "sender@yourdomain.com",
                "to": "invalid@example.com",
                "bounce_type": "hard",
                "bounce_code": "550",
                "bounce_message": "User unknown"
              }
            }
            """;

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyTransactionalExampleIsAnEnvelopeOfItsOwnType(EventType type) {
        type.transactionalExampleJson().ifPresent(json -> {
            EventEnvelope example = Json.read(json, EventEnvelope.class);
            assertThat(example.type()).isEqualTo(type.typeName());
            assertThat(example.id()).startsWith("evt_");
            assertThat(example.createdAt()).isNotNull();
            assertThat(example.data().isObject()).isTrue();
        });
    }

    @Test
    void theTransactionalExamplesOfDeliveredAndBouncedAreSpec003sOwn() {
        for (var spec : java.util.Map.of(EventType.EMAIL_DELIVERED, SPEC_003_WEBHOOK_PAYLOAD, EventType.EMAIL_BOUNCED, SPEC_003_BOUNCE_PAYLOAD).entrySet()) {
            tools.jackson.databind.JsonNode ours = Json.mapper().readTree(spec.getKey().transactionalExampleJson().orElseThrow());
            tools.jackson.databind.JsonNode theirs = Json.mapper().readTree(spec.getValue());
            assertThat(ours.get("data")).isEqualTo(theirs.get("data"));
            assertThat(ours.get("id")).isEqualTo(theirs.get("id"));
            assertThat(ours.get("created_at")).isEqualTo(theirs.get("created_at"));
            // the catalog names the full type, which a producer sends; a /v1 webhook gets spec 003's short name
            assertThat(EventType.fromName(ours.get("type").asString()).flatMap(EventType::v1Name)).contains(theirs.get("type").asString());
        }
        assertThat(Arrays.stream(EventType.values()).filter(type -> type.transactionalExampleJson().isPresent()).map(EventType::v1Name)
                .flatMap(java.util.Optional::stream))
                .containsExactlyInAnyOrder("queued", "sending", "delivered", "bounced", "complained", "opened", "clicked");
    }

    @Test
    void looksTypesUpByWireNameOnly() {
        assertThat(EventType.fromName("email.opened")).contains(EventType.EMAIL_OPENED);
        assertThat(EventType.fromName("EMAIL_OPENED")).isEmpty();
        assertThat(EventType.fromName(null)).isEmpty();
        assertThat(EventCategory.EMAIL.topic()).isEqualTo("webhooks.events.email");
    }

    @Test
    void coversTypesWithTheirCategorysWildcardNotTheirPrefix() {
        assertThat(EventType.wildcardOf("email.opened")).isEqualTo("email.*");
        assertThat(EventType.wildcardOf("webhook.failing")).isEqualTo("system.*");
        assertThat(EventType.wildcardOf("email.nope")).isNull();
        assertThat(EventType.isSubscribable("system.*")).isTrue();
        assertThat(EventType.isSubscribable("webhook.*")).isFalse();
    }

    @Test
    void namesTheV1ShortTypesOfSpec003AndNoOthers() {
        assertThat(EventType.EMAIL_SPAM_REPORTED.v1Name()).contains("complained");
        assertThat(EventType.EMAIL_SENT.v1Name()).contains("queued");
        assertThat(EventType.CONTACT_CREATED.v1Name()).isEmpty();
        assertThat(java.util.Arrays.stream(EventType.values()).flatMap(type -> type.v1Name().stream()))
                .containsExactlyInAnyOrder("queued", "sending", "delivered", "bounced", "complained", "opened", "clicked");
        for (EventType type : EventType.values()) {
            type.v1Name().ifPresent(shortName -> assertThat(EventType.fromV1Name(shortName)).contains(type));
        }
        assertThat(EventType.fromV1Name("email.opened")).isEmpty();
    }

    @Test
    void aTypeIsCoveredByItselfOrItsCategorysWildcard() {
        assertThat(EventType.isCoveredBy(java.util.List.of("email.*"), "email.opened")).isTrue();
        assertThat(EventType.isCoveredBy(java.util.List.of("system.*"), "webhook.failing")).isTrue();
        assertThat(EventType.isCoveredBy(java.util.List.of("contact.created"), "contact.created")).isTrue();
        assertThat(EventType.isCoveredBy(java.util.List.of("contact.created"), "contact.updated")).isFalse();
        assertThat(EventType.isCoveredBy(java.util.Set.of("email.*"), "email.teleported")).isFalse();
        assertThat(EventType.isCoveredBy(null, "email.opened")).isFalse();
    }

    @Test
    void namesCoveredByExpandWildcardsInCatalogOrder() {
        assertThat(EventType.namesCoveredBy(java.util.List.of("campaign.*", "contact.created")))
                .containsExactly("campaign.launched", "campaign.completed", "campaign.paused", "contact.created");
        assertThat(EventType.namesCoveredBy(java.util.List.of("system.*"))).containsExactly("webhook.failing", "webhook.disabled");
        assertThat(EventType.namesCoveredBy(null)).isEqualTo(EventType.names());
    }
}
