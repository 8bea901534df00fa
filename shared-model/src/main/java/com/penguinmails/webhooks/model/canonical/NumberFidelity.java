package com.penguinmails.webhooks.model.canonical;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * Which numbers can travel in an event: those whose value survives being read as a double, which is what
 * {@code JSON.parse} (and most JSON readers) does and what {@link CanonicalJson} writes. A number that would change is
 * refused where it enters, naming the field, rather than delivered silently altered: an integer outside JavaScript's
 * safe range ({@code Number.MAX_SAFE_INTEGER}, 2<sup>53</sup> − 1: beyond it neighbouring integers share a double), a
 * number with more significant digits than a double holds ({@code 0.1000000000000000000001}), one beyond a double's
 * range ({@code 1e400}) or too small to be anything but zero in one ({@code 1e-400}). Only a tree read with
 * {@code USE_BIG_DECIMAL_FOR_FLOATS} still has the digits as written; a tree of doubles has lost them already, and only
 * its integers and infinities can be judged.
 */
public final class NumberFidelity {

    /** JavaScript's {@code Number.MAX_SAFE_INTEGER}, 2<sup>53</sup> − 1. */
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;
    /** At most this many refusals are listed for one tree: enough to see the pattern, not a page per array element. */
    public static final int MAX_REFUSALS = 10;

    private static final BigInteger MAX_SAFE = BigInteger.valueOf(MAX_SAFE_INTEGER);

    private NumberFidelity() {
    }

    /**
     * A number that cannot travel unchanged.
     *
     * @param field  where it is below the tree's root: {@code .amount}, {@code .items[2].price}
     * @param reason what would happen to it and what to send instead, for a person
     */
    public record Refusal(String field, String reason) {
    }

    /** Whether the integer is one JavaScript holds exactly: within ±(2<sup>53</sup> − 1). */
    public static boolean isSafeInteger(long value) {
        return value >= -MAX_SAFE_INTEGER && value <= MAX_SAFE_INTEGER;
    }

    /** Every number of the tree (at most {@link #MAX_REFUSALS}) that reading as a double would change; empty when none. */
    public static List<Refusal> refusals(JsonNode tree) {
        List<Refusal> refusals = new ArrayList<>();
        walk(tree, new StringBuilder(), refusals);
        return refusals;
    }

    private static void walk(JsonNode node, StringBuilder field, List<Refusal> refusals) {
        if (node == null || refusals.size() >= MAX_REFUSALS) {
            return;
        }
        int mark = field.length();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                walk(property.getValue(), field.append('.').append(property.getKey()), refusals);
                field.setLength(mark);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), field.append('[').append(i).append(']'), refusals);
                field.setLength(mark);
            }
        } else if (node.isNumber()) {
            String reason = reason(node);
            if (reason != null) {
                refusals.add(new Refusal(field.toString(), reason));
            }
        }
    }

    /** Why the number cannot travel unchanged, or null when it can. */
    private static String reason(JsonNode number) {
        if (number.isIntegralNumber()) {
            BigInteger value = number.bigIntegerValue();
            if (value.abs().compareTo(MAX_SAFE) <= 0) {
                return null;
            }
            return "an integer beyond JavaScript's safe range (±" + MAX_SAFE_INTEGER + "): JSON.parse reads it as "
                    + CanonicalJson.numberForm(value.doubleValue()) + ". Send it as a string to keep every digit.";
        }
        double value = number.isBigDecimal() ? number.decimalValue().doubleValue() : number.doubleValue();
        if (!Double.isFinite(value)) {
            return "a number too large to represent (at most about 1.8e308). Send it as a string.";
        }
        if (!number.isBigDecimal()) {
            return null; // read as a double already: it is what it is
        }
        BigDecimal written = number.decimalValue();
        if (value == 0 && written.signum() != 0) {
            return "a number too small to represent: a double holds nothing between 0 and about 4.9e-324, and JSON.parse reads it"
                    + " as 0. Send it as a string.";
        }
        String form = CanonicalJson.numberForm(value);
        if (new BigDecimal(form).compareTo(written) == 0) {
            return null;
        }
        return "more digits than a double holds: JSON.parse reads it as " + form + ". Send it as a string to keep every digit.";
    }
}
