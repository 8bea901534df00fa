package com.penguinmails.webhooks.ingest.validation;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tools.jackson.databind.JsonNode;

/**
 * Copies a Jackson 3 tree into a Jackson 2 tree, which the JSON Schema validator works on, without writing and
 * re-parsing the text (the hot path of ingest validates every event).
 */
final class TreeBridge {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TreeBridge() {
    }

    static com.fasterxml.jackson.databind.JsonNode toJackson2(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NODES.nullNode();
        }
        if (node.isObject()) {
            ObjectNode object = NODES.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                object.set(field.getKey(), toJackson2(field.getValue()));
            }
            return object;
        }
        if (node.isArray()) {
            ArrayNode array = NODES.arrayNode(node.size());
            for (JsonNode element : node) {
                array.add(toJackson2(element));
            }
            return array;
        }
        if (node.isString()) {
            return NODES.textNode(node.asString());
        }
        if (node.isBoolean()) {
            return NODES.booleanNode(node.asBoolean());
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? NODES.numberNode(node.asLong()) : NODES.numberNode(node.bigIntegerValue());
        }
        if (node.isNumber()) {
            return NODES.numberNode(node.decimalValue());
        }
        return NODES.textNode(node.asString());
    }
}
