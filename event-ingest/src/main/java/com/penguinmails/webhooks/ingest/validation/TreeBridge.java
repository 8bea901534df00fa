package com.penguinmails.webhooks.ingest.validation;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tools.jackson.databind.JsonNode;

/**
 * Copies a Jackson 3 tree into a Jackson 2 tree, which the JSON Schema validator works on, without writing and
 * re-parsing the text (the hot path of ingest validates every event). On the way it refuses text that parses but
 * cannot be passed on: a NUL or an unpaired surrogate, which PostgreSQL refuses (the event store would stall on it)
 * and many receivers' parsers too. Numbers a double would change (beyond it, too many digits) are refused before the
 * tree gets here ({@code NumberFidelity}).
 */
final class TreeBridge {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TreeBridge() {
    }

    /** A value that JSON or the event store cannot hold; {@link #field()} says where it is below the root. */
    static final class UnstorableValueException extends RuntimeException {

        private final StringBuilder field = new StringBuilder();

        UnstorableValueException(String reason) {
            super(reason, null, false, false);
        }

        private UnstorableValueException under(String step) {
            field.insert(0, step);
            return this;
        }

        /** Where the value is, {@code .contact.email} or {@code .tags[2]}; empty for the root itself. */
        String field() {
            return field.toString();
        }
    }

    static com.fasterxml.jackson.databind.JsonNode toJackson2(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return NODES.nullNode();
        }
        if (node.isObject()) {
            ObjectNode object = NODES.objectNode();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                try {
                    requireStorable(field.getKey());
                    object.set(field.getKey(), toJackson2(field.getValue()));
                } catch (UnstorableValueException e) {
                    throw e.under("." + field.getKey());
                }
            }
            return object;
        }
        if (node.isArray()) {
            ArrayNode array = NODES.arrayNode(node.size());
            for (int i = 0; i < node.size(); i++) {
                try {
                    array.add(toJackson2(node.get(i)));
                } catch (UnstorableValueException e) {
                    throw e.under("[" + i + "]");
                }
            }
            return array;
        }
        if (node.isString()) {
            return NODES.textNode(requireStorable(node.asString()));
        }
        if (node.isBoolean()) {
            return NODES.booleanNode(node.asBoolean());
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? NODES.numberNode(node.asLong()) : NODES.numberNode(node.bigIntegerValue());
        }
        if (node.isNumber()) {
            // read as BigDecimal (EventValidator), and a number beyond a double is refused before the schema is checked
            return NODES.numberNode(node.decimalValue());
        }
        return NODES.textNode(node.asString());
    }

    private static String requireStorable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0) {
                throw new UnstorableValueException("contains a NUL character (\\u0000), which cannot be stored");
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    throw new UnstorableValueException("contains an unpaired UTF-16 surrogate, which is not Unicode text");
                }
            }
        }
        return text;
    }
}
