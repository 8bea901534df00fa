package com.penguinmails.webhooks.management.events;

import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import com.penguinmails.webhooks.model.EventCategory;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;

/**
 * The event reference of spec 004: every type a webhook can subscribe to, with what it means, the JSON Schema of its
 * {@code data} and an example delivery, by category. The API serves it and the dashboard's pages show it.
 */
public final class EventCatalog {

    /**
     * One event type.
     *
     * @param type        the name to subscribe to and the {@code type} of the payload
     * @param category    its group; {@code <category>.*} subscribes to all of them
     * @param description what happened
     * @param shortName   the name a webhook of the compact {@code /v1} API sees, where spec 003 has one
     * @param schema      JSON Schema of {@code data}
     * @param example     a whole payload as a receiver gets it
     * @param transactionalExample the same in spec 003's transactional shape (recipient in {@code to}, no
     *                             {@code contact}), for the types spec 003 names; a {@code /v1} webhook gets
     *                             {@code shortName} as its {@code type}
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EventDescription(String type, String category, String description, String shortName, JsonNode schema, JsonNode example,
                                   JsonNode transactionalExample) {
    }

    /** A category and its wildcard subscription. */
    public record CategoryDescription(String name, String wildcard, List<String> types) {
    }

    public record Catalog(List<CategoryDescription> categories, List<EventDescription> data) {
    }

    private static final Catalog CATALOG = new Catalog(
            Arrays.stream(EventCategory.values())
                    .map(category -> new CategoryDescription(category.label(), category.label() + ".*",
                            Arrays.stream(EventType.values()).filter(type -> type.category() == category).map(EventType::typeName).toList()))
                    .toList(),
            Arrays.stream(EventType.values())
                    .map(type -> new EventDescription(type.typeName(), type.category().label(), type.description(),
                            type.v1Name().orElse(null), Json.mapper().readTree(type.schemaJson()), Json.mapper().readTree(type.exampleJson()),
                            type.transactionalExampleJson().map(Json.mapper()::readTree).orElse(null)))
                    .toList());

    private EventCatalog() {
    }

    /** Every category and every event type. */
    public static Catalog catalog() {
        return CATALOG;
    }
}
