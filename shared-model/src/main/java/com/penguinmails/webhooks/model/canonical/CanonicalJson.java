package com.penguinmails.webhooks.model.canonical;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.erdtman.jcs.NumberToJSON;

import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.POJONode;

/**
 * Writes JSON exactly as ECMAScript's {@code JSON.stringify} writes what {@code JSON.parse} read, so that a receiver
 * which verifies {@code JSON.stringify(req.body)} after {@code express.json()} (the Node snippets of spec 001 and 003)
 * computes the HMAC over the very bytes that were signed: for every body {@code b} written here,
 * {@code JSON.stringify(JSON.parse(b)) === b}.
 *
 * <p>That form is: no whitespace; an object's keys in the order received, except that keys which are array indices
 * ({@code "0"}, {@code "10"}, at most 2<sup>32</sup> − 2, no leading zero) come first in ascending numeric order, as
 * JavaScript lists them; strings with only {@code "}, {@code \}, the control characters and lone surrogates escaped
 * ({@code \b \f \n \r \t}, else a backslash-u escape in lower-case hex), nothing else ({@code /} and non-ASCII stay as they
 * are); numbers as the double JavaScript holds, in ECMAScript's Number::toString form, which RFC 8785 adopts
 * ({@code 15000}, {@code 0.3}, {@code 1e+21}, {@code 5e-7}). Keys are not sorted: RFC 8785 sorts them,
 * {@code JSON.stringify} does not. The number form comes from RFC 8785's Java reference implementation
 * ({@code org.erdtman.jcs.NumberToJSON}); everything else is JavaScript's rules written out here.
 */
public final class CanonicalJson {

    /** The largest array index, 2<sup>32</sup> − 2: JavaScript lists such keys first, in numeric order. */
    static final long MAX_ARRAY_INDEX = 4_294_967_294L;

    private static final HexFormat HEX = HexFormat.of();
    private static final Comparator<Map.Entry<String, JsonNode>> INDICES_FIRST =
            Comparator.comparingLong(entry -> {
                long index = arrayIndex(entry.getKey());
                return index < 0 ? Long.MAX_VALUE : index;
            });

    private CanonicalJson() {
    }

    /** The value (a record such as the event envelope, or a tree) in canonical form, as UTF-8 bytes. */
    public static byte[] write(Object value) {
        return writeString(value).getBytes(StandardCharsets.UTF_8);
    }

    /** The value (a record such as the event envelope, or a tree) in canonical form. */
    public static String writeString(Object value) {
        JsonNode tree = value instanceof JsonNode node ? node : Json.mapper().valueToTree(value);
        StringBuilder out = new StringBuilder(256);
        append(out, tree);
        return out.toString();
    }

    /**
     * ECMAScript's form of a double ({@code Number.prototype.toString}): the shortest digits that read back as the same
     * double, {@code 0} for both zeros, an exponent from 10<sup>21</sup> up and below 10<sup>−6</sup>; {@code null} for
     * what is not finite, as {@code JSON.stringify} writes it.
     */
    public static String numberForm(double value) {
        if (!Double.isFinite(value)) {
            return "null";
        }
        try {
            return NumberToJSON.serializeNumber(value);
        } catch (IOException e) {
            throw new IllegalStateException("no JSON form for " + value, e);
        }
    }

    private static void append(StringBuilder out, JsonNode node) {
        if (node == null) {
            out.append("null");
            return;
        }
        switch (node.getNodeType()) {
            case OBJECT -> object(out, node);
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    append(out, node.get(i));
                }
                out.append(']');
            }
            case STRING, BINARY -> quote(out, node.asString());
            case NUMBER -> out.append(number(node));
            case BOOLEAN -> out.append(node.booleanValue());
            case POJO -> append(out, Json.mapper().valueToTree(((POJONode) node).getPojo()));
            case NULL, MISSING -> out.append("null");
        }
    }

    private static void object(StringBuilder out, JsonNode object) {
        List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(object.properties());
        if (entries.stream().anyMatch(entry -> arrayIndex(entry.getKey()) >= 0)) {
            entries.sort(INDICES_FIRST); // stable: the other keys keep the order received
        }
        out.append('{');
        boolean first = true;
        for (Map.Entry<String, JsonNode> entry : entries) {
            if (!first) {
                out.append(',');
            }
            first = false;
            quote(out, entry.getKey());
            out.append(':');
            append(out, entry.getValue());
        }
        out.append('}');
    }

    /** The key's value as an array index ({@code "0"}, {@code "17"}; no sign, no leading zero), else −1. */
    static long arrayIndex(String key) {
        int length = key.length();
        if (length == 0 || length > 10 || length > 1 && key.charAt(0) == '0') {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < length; i++) {
            char c = key.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value <= MAX_ARRAY_INDEX ? value : -1;
    }

    /** A number as JavaScript holds it after {@code JSON.parse}: a double, whatever the literal was. */
    private static String number(JsonNode number) {
        if (number.isIntegralNumber() && number.canConvertToLong() && NumberFidelity.isSafeInteger(number.longValue())) {
            return Long.toString(number.longValue()); // the same digits, without the detour through a double
        }
        double value;
        if (number.isBigDecimal()) {
            value = number.decimalValue().doubleValue(); // DecimalNode.doubleValue() refuses what is out of range
        } else if (number.isBigInteger()) {
            value = number.bigIntegerValue().doubleValue();
        } else {
            value = number.doubleValue();
        }
        return numberForm(value);
    }

    /** {@code JSON.stringify}'s QuoteJSONString. */
    private static void quote(StringBuilder out, String text) {
        out.append('"');
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        escape(out, c);
                    } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        escape(out, c); // a lone surrogate: JSON.stringify escapes it rather than write invalid UTF-16
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void escape(StringBuilder out, char c) {
        out.append("\\u").append(HEX.toHexDigits(c));
    }
}
