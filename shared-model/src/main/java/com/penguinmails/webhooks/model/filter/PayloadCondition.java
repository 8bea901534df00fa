package com.penguinmails.webhooks.model.filter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import tools.jackson.databind.JsonNode;

/**
 * A compiled JSON condition on an event's {@code data}, in the operator language of spec 004's custom filters:
 * field paths in dot notation map to a literal (equality, or membership when the field is an array) or to an object of
 * operators {@code $eq $ne $gt $gte $lt $lte $in $nin $exists $regex}; {@code $and} and {@code $or} take arrays of
 * conditions. Compiling checks every part and names the path of the first bad one.
 */
@FunctionalInterface
public interface PayloadCondition {

    boolean test(JsonNode data);

    /** Compiles the condition found at {@code path}; throws {@link FilterSyntaxException} naming the bad part. */
    static PayloadCondition compile(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new FilterSyntaxException(path, "a condition must be a JSON object");
        }
        List<PayloadCondition> all = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String key = entry.getKey();
            String at = path + "." + key;
            switch (key) {
                case "$and", "$or" -> {
                    JsonNode list = entry.getValue();
                    if (!list.isArray() || list.isEmpty()) {
                        throw new FilterSyntaxException(at, key + " takes a non-empty array of conditions");
                    }
                    List<PayloadCondition> parts = new ArrayList<>();
                    for (int i = 0; i < list.size(); i++) {
                        parts.add(compile(list.get(i), at + "[" + i + "]"));
                    }
                    all.add(key.equals("$and") ? data -> parts.stream().allMatch(p -> p.test(data))
                            : data -> parts.stream().anyMatch(p -> p.test(data)));
                }
                default -> {
                    if (key.startsWith("$")) {
                        throw new FilterSyntaxException(at, "unknown operator " + key + "; use a field path, $and or $or here");
                    }
                    if (key.isBlank()) {
                        throw new FilterSyntaxException(at, "a field path must not be empty");
                    }
                    Predicate<JsonNode> field = field(entry.getValue(), at);
                    String[] steps = key.split("\\.");
                    all.add(data -> field.test(resolve(data, steps)));
                }
            }
        }
        return data -> all.stream().allMatch(p -> p.test(data));
    }

    /** The value at the dot path, or null when absent. */
    private static JsonNode resolve(JsonNode data, String[] steps) {
        JsonNode current = data;
        for (String step : steps) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(step);
        }
        return current == null || current.isMissingNode() ? null : current;
    }

    private static Predicate<JsonNode> field(JsonNode spec, String path) {
        boolean operators = spec.isObject() && !spec.isEmpty() && spec.propertyNames().stream().allMatch(n -> n.startsWith("$"));
        if (!operators) {
            return value -> equalsOrContains(value, spec);
        }
        List<Predicate<JsonNode>> checks = new ArrayList<>();
        for (Map.Entry<String, JsonNode> op : spec.properties()) {
            checks.add(operator(op.getKey(), op.getValue(), path + "." + op.getKey()));
        }
        return value -> checks.stream().allMatch(c -> c.test(value));
    }

    private static Predicate<JsonNode> operator(String name, JsonNode operand, String path) {
        return switch (name) {
            case "$eq" -> value -> equalsOrContains(value, operand);
            case "$ne" -> value -> !equalsOrContains(value, operand);
            case "$gt", "$gte", "$lt", "$lte" -> {
                if (!operand.isNumber() && !operand.isString()) {
                    throw new FilterSyntaxException(path, name + " compares with a number or a string");
                }
                yield value -> {
                    Integer order = compare(value, operand);
                    return order != null && switch (name) {
                        case "$gt" -> order > 0;
                        case "$gte" -> order >= 0;
                        case "$lt" -> order < 0;
                        default -> order <= 0;
                    };
                };
            }
            case "$in", "$nin" -> {
                if (!operand.isArray()) {
                    throw new FilterSyntaxException(path, name + " takes an array of values");
                }
                Predicate<JsonNode> in = value -> operand.valueStream().anyMatch(candidate -> equalsOrContains(value, candidate));
                yield name.equals("$in") ? in : in.negate();
            }
            case "$exists" -> {
                if (!operand.isBoolean()) {
                    throw new FilterSyntaxException(path, "$exists takes true or false");
                }
                boolean wanted = operand.asBoolean();
                yield value -> (value != null && !value.isNull()) == wanted;
            }
            case "$regex" -> {
                if (!operand.isString()) {
                    throw new FilterSyntaxException(path, "$regex takes a regular expression as a string");
                }
                Pattern pattern;
                try {
                    pattern = Pattern.compile(operand.asString());
                } catch (PatternSyntaxException e) {
                    throw new FilterSyntaxException(path, "not a valid regular expression: " + e.getDescription());
                }
                yield value -> value != null && value.isString() && pattern.matcher(value.asString()).find();
            }
            default -> throw new FilterSyntaxException(path, "unknown operator " + name
                    + "; known: $eq $ne $gt $gte $lt $lte $in $nin $exists $regex");
        };
    }

    /** Equality; when the field holds an array and the expected value does not, membership. */
    private static boolean equalsOrContains(JsonNode value, JsonNode expected) {
        if (value == null) {
            return expected.isNull();
        }
        if (value.isArray() && !expected.isArray()) {
            return value.valueStream().anyMatch(element -> same(element, expected));
        }
        return same(value, expected);
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    /** Numbers with numbers, strings with strings (ISO timestamps compare correctly as text); null otherwise. */
    private static Integer compare(JsonNode value, JsonNode operand) {
        if (value == null) {
            return null;
        }
        if (value.isNumber() && operand.isNumber()) {
            BigDecimal left = value.decimalValue();
            return left.compareTo(operand.decimalValue());
        }
        if (value.isString() && operand.isString()) {
            return Integer.signum(value.asString().compareTo(operand.asString()));
        }
        return null;
    }
}
