package com.penguinmails.webhooks.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The headers a webhook's owner may add to every POST it receives (spec 004 create form), and the rules they follow.
 * Only {@code Authorization} and {@code X-…} names are allowed: enough for a receiver's own token or routing key, and
 * never a header that frames the request ({@code Host}, {@code Content-Length}, {@code Content-Type}) or one that
 * carries our signatures ({@code X-PenguinMails-*}, {@code X-Webhook-Signature}, {@code webhook-*}).
 */
public final class CustomHeaders {

    public static final int MAX_HEADERS = 10;
    public static final int NAME_MAX_CHARS = 64;
    public static final int VALUE_MAX_CHARS = 1024;
    /** What the delivery log shows instead of an {@code Authorization} value, which is a credential. */
    public static final String REDACTED = "[redacted]";

    private static final String AUTHORIZATION = "authorization";
    private static final String TOKEN_CHARS = "!#$%&'*+-.^_`|~";

    private CustomHeaders() {
    }

    /** A header that breaks a rule: its place ({@code headers} or {@code headers.<name>}) and the reason. */
    public record Problem(String field, String reason) {
    }

    /** Every rule the headers break, in order; empty when they may be sent. {@code null} means no headers. */
    public static List<Problem> problems(Map<String, String> headers) {
        List<Problem> problems = new ArrayList<>();
        if (headers == null) {
            return problems;
        }
        if (headers.size() > MAX_HEADERS) {
            problems.add(new Problem("headers", "At most " + MAX_HEADERS + " custom headers are allowed."));
        }
        List<String> seen = new ArrayList<>();
        headers.forEach((name, value) -> {
            String field = "headers." + name;
            if (name == null || name.isEmpty() || name.length() > NAME_MAX_CHARS || !isToken(name)) {
                problems.add(new Problem(field, "Header names are 1 to " + NAME_MAX_CHARS
                        + " letters, digits or -_.!#$%&'*+^`|~ characters."));
                return;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            if (seen.contains(lower)) {
                problems.add(new Problem(field, "Header '" + name + "' is given twice (names ignore case)."));
            }
            seen.add(lower);
            if (!isAllowed(name)) {
                problems.add(new Problem(field, "Header '" + name + "' cannot be set: custom headers are Authorization or "
                        + "start with X-, and X-PenguinMails-* and X-Webhook-Signature are reserved for signing."));
            }
            if (value == null || value.isEmpty() || value.length() > VALUE_MAX_CHARS) {
                problems.add(new Problem(field, "Header values are 1 to " + VALUE_MAX_CHARS + " characters."));
            } else if (!isFieldValue(value)) {
                problems.add(new Problem(field, "Header values are printable ASCII: no line breaks or control characters."));
            }
        });
        return problems;
    }

    /** Whether a webhook may set this header: {@code Authorization} or {@code X-…}, minus the signing headers. */
    public static boolean isAllowed(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals(AUTHORIZATION)) {
            return true;
        }
        return lower.startsWith("x-") && !lower.startsWith("x-penguinmails-")
                && !lower.equals(Headers.V1_SIGNATURE.toLowerCase(Locale.ROOT));
    }

    /** The headers as the delivery log may keep them: an {@code Authorization} value is a credential, so not it. */
    public static Map<String, String> redacted(Map<String, String> sent) {
        if (sent.keySet().stream().noneMatch(AUTHORIZATION::equalsIgnoreCase)) {
            return sent;
        }
        Map<String, String> shown = new LinkedHashMap<>(sent);
        shown.replaceAll((name, value) -> name.equalsIgnoreCase(AUTHORIZATION) ? REDACTED : value);
        return shown;
    }

    private static boolean isToken(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean alphanumeric = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alphanumeric && TOKEN_CHARS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFieldValue(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c != '\t' && (c < 0x20 || c > 0x7e)) {
                return false;
            }
        }
        return true;
    }
}
