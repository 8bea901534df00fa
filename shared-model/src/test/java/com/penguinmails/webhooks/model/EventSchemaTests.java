package com.penguinmails.webhooks.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class EventSchemaTests {

    private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    /** The meta-schema ships inside the validator, so this check needs no network. */
    private static final Schema META_SCHEMA = REGISTRY.getSchema(SchemaLocation.of(DRAFT_2020_12));

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everySchemaIsAValidDraft202012SchemaNamedAfterItsType(EventType type) {
        assertThat(META_SCHEMA.validate(type.schemaJson(), InputFormat.JSON)).isEmpty();
        assertThat(REGISTRY.getSchema(type.schemaJson())).isNotNull();

        JsonNode schema = Json.mapper().readTree(type.schemaJson());
        assertThat(schema.get("$schema").asString()).isEqualTo(DRAFT_2020_12);
        assertThat(schema.get("$id").asString())
                .isEqualTo("https://schemas.penguinmails.com/webhooks/events/" + type.typeName() + ".json");
        assertThat(schema.get("title").asString()).contains(type.typeName());
        assertThat(schema.get("description").asString()).isNotBlank();
        assertThat(schema.get("type").asString()).isEqualTo("object");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyExampleValidatesAgainstItsSchema(EventType type) {
        assertThat(validate(type, exampleData(type))).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void requiresTheKeyFieldsOfItsType(EventType type) {
        List<String> expected = switch (type) {
            case EMAIL_SENT, EMAIL_SENDING, EMAIL_DELIVERED, EMAIL_OPENED, EMAIL_SPAM_REPORTED -> List.of("email_id");
            case EMAIL_CLICKED -> List.of("email_id", "url");
            case EMAIL_BOUNCED -> List.of("email_id", "bounce_type");
            case EMAIL_UNSUBSCRIBED -> List.of("email_id", "contact_id");
            case CAMPAIGN_LAUNCHED, CAMPAIGN_PAUSED -> List.of("campaign_id");
            case CAMPAIGN_COMPLETED -> List.of("campaign_id", "stats");
            case CONTACT_CREATED -> List.of("contact_id", "email");
            case CONTACT_UPDATED -> List.of("contact_id", "changed_fields");
            case CONTACT_UNSUBSCRIBED -> List.of("contact_id");
            case WEBHOOK_FAILING, WEBHOOK_DISABLED -> List.of("webhook_id");
        };
        assertThat(requiredProperties(type)).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** Spec 003's types but {@code sending} (which never required a recipient) need one: {@code contact} or {@code to}. */
    @ParameterizedTest
    @EnumSource(EventType.class)
    void theEmailTypesOfSpec003NeedARecipientAsContactOrTo(EventType type) {
        JsonNode anyOf = Json.mapper().readTree(type.schemaJson()).get("anyOf");
        if (type.v1Name().isEmpty() || type == EventType.EMAIL_SENDING) {
            assertThat(anyOf).isNull();
            return;
        }
        assertThat(anyOf).isEqualTo(Json.mapper().readTree("[{\"required\": [\"contact\"]}, {\"required\": [\"to\"]}]"));

        ObjectNode marketing = exampleData(type);
        marketing.remove("contact");
        ObjectNode transactional = transactionalData(type);
        transactional.remove("to");
        for (ObjectNode withoutRecipient : List.of(marketing, transactional)) {
            assertThat(validate(type, withoutRecipient)).as("%s without a recipient", type)
                    .extracting(error -> error.getKeyword(), error -> error.getProperty(), error -> error.getEvaluationPath().toString())
                    .containsExactlyInAnyOrder(tuple("required", "contact", "/anyOf/0/required"), tuple("required", "to", "/anyOf/1/required"));
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyTransactionalExampleValidatesAgainstItsSchemaWithoutAContact(EventType type) {
        assertThat(type.transactionalExampleJson().isPresent()).isEqualTo(type.v1Name().isPresent());
        type.transactionalExampleJson().ifPresent(example -> {
            ObjectNode data = transactionalData(type);
            assertThat(data.has("contact")).isFalse();
            assertThat(data.has("campaign_id")).isFalse();
            assertThat(data.get("to").isString()).isTrue();
            assertThat(validate(type, data)).isEmpty();
        });
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void removingARequiredPropertyFailsValidationNamingThatProperty(EventType type) {
        List<ObjectNode> examples = new ArrayList<>(List.of(exampleData(type)));
        type.transactionalExampleJson().ifPresent(example -> examples.add(transactionalData(type)));
        for (ObjectNode example : examples) {
            for (String property : requiredProperties(type)) {
                ObjectNode data = example.deepCopy();
                assertThat(data.has(property)).as("example of %s has %s", type, property).isTrue();
                data.remove(property);

                assertThat(validate(type, data)).as("%s without %s", type, property)
                        .extracting(error -> error.getKeyword(), error -> error.getProperty())
                        .containsExactly(tuple("required", property));
                assertThat(validate(type, data).getFirst().getMessage()).contains(property);
            }
        }
    }

    @Test
    void aMarketingEmailSentStillNeedsItsCampaignATransactionalOneDoesNot() {
        ObjectNode marketing = exampleData(EventType.EMAIL_SENT);
        marketing.remove("campaign_id");
        assertThat(validate(EventType.EMAIL_SENT, marketing))
                .extracting(error -> error.getKeyword(), error -> error.getProperty(), error -> error.getEvaluationPath().toString())
                .containsExactly(tuple("required", "campaign_id", "/then/required"));

        ObjectNode transactional = transactionalData(EventType.EMAIL_SENT);
        assertThat(transactional.has("campaign_id")).isFalse();
        assertThat(validate(EventType.EMAIL_SENT, transactional)).isEmpty();
    }

    @Test
    void aRecipientOfTheWrongTypeIsRefusedWhateverTheShape() {
        ObjectNode transactional = transactionalData(EventType.EMAIL_DELIVERED);
        transactional.put("to", 42);
        assertThat(validate(EventType.EMAIL_DELIVERED, transactional))
                .extracting(error -> error.getKeyword(), error -> error.getInstanceLocation().toString())
                .containsExactly(tuple("type", "/to"));

        ObjectNode marketing = exampleData(EventType.EMAIL_DELIVERED);
        marketing.put("contact", "user@example.com");
        assertThat(validate(EventType.EMAIL_DELIVERED, marketing))
                .extracting(error -> error.getKeyword(), error -> error.getInstanceLocation().toString())
                .containsExactly(tuple("type", "/contact"));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void unknownFieldsAreAcceptedAtEveryLevel(EventType type) {
        ObjectNode data = exampleData(type);
        addUnknownFieldToEveryObject(data);

        assertThat(data.has("x_future_field")).isTrue();
        assertThat(validate(type, data)).isEmpty();
    }

    @Test
    void bounceTypeIsHardOrSoft() {
        ObjectNode data = exampleData(EventType.EMAIL_BOUNCED);
        data.put("bounce_type", "soft");
        assertThat(validate(EventType.EMAIL_BOUNCED, data)).isEmpty();

        data.put("bounce_type", "medium");
        assertThat(validate(EventType.EMAIL_BOUNCED, data))
                .extracting(error -> error.getKeyword()).containsExactly("enum");
    }

    private static List<com.networknt.schema.Error> validate(EventType type, JsonNode data) {
        return REGISTRY.getSchema(type.schemaJson()).validate(Json.writeString(data), InputFormat.JSON);
    }

    private static ObjectNode exampleData(EventType type) {
        return (ObjectNode) Json.mapper().readTree(type.exampleJson()).get("data").deepCopy();
    }

    private static ObjectNode transactionalData(EventType type) {
        return (ObjectNode) Json.mapper().readTree(type.transactionalExampleJson().orElseThrow()).get("data").deepCopy();
    }

    private static List<String> requiredProperties(EventType type) {
        return Json.mapper().readTree(type.schemaJson()).get("required").valueStream()
                .map(JsonNode::asString)
                .toList();
    }

    private static void addUnknownFieldToEveryObject(JsonNode node) {
        new ArrayList<>(node.values()).forEach(EventSchemaTests::addUnknownFieldToEveryObject);
        if (node instanceof ObjectNode object) {
            object.put("x_future_field", "kept");
        }
    }
}
