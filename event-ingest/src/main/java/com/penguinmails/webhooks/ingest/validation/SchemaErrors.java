package com.penguinmails.webhooks.ingest.validation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;

import com.penguinmails.webhooks.ingest.RejectCode;

/**
 * The validator's errors as the API names them: fields as dot paths below {@code data} ({@code data.contact.email},
 * {@code data.tags[2]}), and the branches of an {@code anyOf} of {@code required} alternatives (the recipient of an
 * e-mail event: {@code contact} in spec 002's shape, {@code to} in spec 003's) as one error naming them all,
 * {@code data: one of contact or to is required}, rather than two errors that each read as mandatory.
 */
final class SchemaErrors {

    private SchemaErrors() {
    }

    static List<FieldError> describe(List<Error> errors, String path) {
        // in the validator's order; the branches of one anyOf at one place share one entry
        Map<Object, List<String>> alternatives = new LinkedHashMap<>();
        Map<Object, FieldError> described = new LinkedHashMap<>();
        for (Error error : errors) {
            String field = path + "data" + dotted(error.getInstanceLocation());
            String anyOf = requiredAlternative(error);
            if (anyOf != null) {
                Alternatives key = new Alternatives(field, anyOf);
                described.putIfAbsent(key, null);
                alternatives.computeIfAbsent(key, k -> new ArrayList<>()).add(error.getProperty());
                continue;
            }
            if (error.getProperty() != null && "required".equals(error.getKeyword())) {
                field = field + "." + error.getProperty();
            }
            described.put(new Object(), new FieldError(field, error.getMessage(), RejectCode.SCHEMA_VIOLATION));
        }
        alternatives.forEach((key, properties) -> described.put(key, new FieldError(((Alternatives) key).field(),
                "one of " + oneOf(properties) + " is required", RejectCode.SCHEMA_VIOLATION)));
        return List.copyOf(described.values());
    }

    /** The branches of one {@code anyOf} (its schema path) failing at one field. */
    private record Alternatives(String field, String anyOf) {
    }

    /** The schema path of the {@code anyOf} when the error is a missing property of one of its branches; else null. */
    private static String requiredAlternative(Error error) {
        NodePath at = error.getEvaluationPath();
        int n = at == null ? 0 : at.getNameCount();
        if (error.getProperty() == null || !"required".equals(error.getKeyword()) || n < 3
                || !"anyOf".equals(at.getName(n - 3)) || !(at.getElement(n - 2) instanceof Integer)) {
            return null;
        }
        return at.getParent().getParent().toString();
    }

    /** {@code .contact.email} or {@code .tags[2]}; empty for the root. */
    private static String dotted(NodePath location) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; location != null && i < location.getNameCount(); i++) {
            Object step = location.getElement(i);
            text.append(step instanceof Integer index ? "[" + index + "]" : "." + step);
        }
        return text.toString();
    }

    private static String oneOf(List<String> properties) {
        List<String> distinct = properties.stream().distinct().toList();
        return distinct.size() == 1 ? distinct.getFirst()
                : String.join(", ", distinct.subList(0, distinct.size() - 1)) + " or " + distinct.getLast();
    }
}
