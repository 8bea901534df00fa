package com.penguinmails.webhooks.model.canonical;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Random JSON documents as a producer might write them: odd number forms ({@code 1.5e4}, {@code 14500.0},
 * {@code 0.30}, {@code -0}, {@code 1E2}, 25-digit mantissas, exponents beyond a double's range), strings with escapes
 * of every kind ({@code \\u00e9}, {@code \/}, upper- and lower-case hex, lone surrogates, control characters) and raw
 * non-ASCII, whitespace between all tokens, integer-like keys ({@code "10"}, {@code "01"}, {@code "4294967295"}) and
 * now and then a repeated key.
 */
final class JsonDocuments {

    private static final String[] ODD_NUMBERS = {"1.5e4", "14500.0", "0.30", "-0", "-0.0", "1E2", "1e21", "1e+21", "5e-7",
            "0.000001", "1e400", "-1e-400", "9007199254740993", "123456789012345678901234567890", "0.1000000000000000000001",
            "1E-7", "0e5", "100", "1e20", "123e-20"};
    private static final String[] KEYS = {"0", "1", "2", "10", "01", "-1", "1.5", "4294967294", "4294967295", "99", "a", "b", "id"};
    private static final String[] SPECIAL = {"\"", "\\", "/", "\u007f", "\u2028", "\u2029", "\ufeff", "é", "€", "\b", "\f", "\n",
            "\r", "\t"};

    private final Random random;

    private JsonDocuments(Random random) {
        this.random = random;
    }

    /** Documents whose root is an object or an array, nested up to three levels. */
    static Arbitrary<String> documents() {
        return Arbitraries.randomValue(random -> new JsonDocuments(random).document());
    }

    private String document() {
        StringBuilder out = new StringBuilder();
        space(out);
        container(out, 3);
        space(out);
        return out.toString();
    }

    private void value(StringBuilder out, int depth) {
        switch (depth <= 0 ? random.nextInt(5) : random.nextInt(7)) {
            case 0, 3 -> number(out);
            case 1, 4 -> string(out);
            case 2 -> out.append(pick(new String[]{"true", "false", "null"}));
            default -> container(out, depth);
        }
    }

    private void container(StringBuilder out, int depth) {
        int size = random.nextInt(6);
        if (random.nextBoolean()) {
            out.append('[');
            for (int i = 0; i < size; i++) {
                out.append(i == 0 ? "" : ",");
                space(out);
                value(out, depth - 1);
                space(out);
            }
            space(out);
            out.append(']');
            return;
        }
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            StringBuilder key = new StringBuilder();
            if (random.nextInt(3) == 0) {
                key.append('"').append(pick(KEYS)).append('"');
            } else {
                string(key);
            }
            keys.add(key.toString());
        }
        if (keys.size() > 1 && random.nextInt(4) == 0) {
            keys.add(keys.getFirst()); // JSON.parse keeps the last value, in the first one's place
        }
        out.append('{');
        for (int i = 0; i < keys.size(); i++) {
            out.append(i == 0 ? "" : ",");
            space(out);
            out.append(keys.get(i));
            space(out);
            out.append(':');
            space(out);
            value(out, depth - 1);
            space(out);
        }
        space(out);
        out.append('}');
    }

    private void number(StringBuilder out) {
        switch (random.nextInt(5)) {
            case 0 -> out.append(pick(ODD_NUMBERS));
            case 1 -> out.append(random.nextBoolean() ? "-" : "").append(random.nextInt(4) == 0 ? "0" : digits(1 + random.nextInt(17), true));
            case 2 -> out.append(random.nextBoolean() ? "-" : "").append(digits(1 + random.nextInt(3), true)).append('.')
                    .append(digits(1 + random.nextInt(20), false));
            default -> {
                out.append(random.nextBoolean() ? "-" : "").append(random.nextInt(3) == 0 ? "0" : digits(1 + random.nextInt(25), true));
                if (random.nextBoolean()) {
                    out.append('.').append(digits(1 + random.nextInt(20), false));
                }
                out.append(random.nextBoolean() ? 'e' : 'E').append(pick(new String[]{"", "+", "-"}))
                        .append(random.nextInt(random.nextInt(4) == 0 ? 340 : 30));
            }
        }
    }

    private void string(StringBuilder out) {
        out.append('"');
        int length = random.nextInt(8);
        for (int i = 0; i < length; i++) {
            String unit = switch (random.nextInt(9)) {
                case 0 -> String.valueOf((char) random.nextInt(0x20));
                case 1 -> pick(SPECIAL);
                case 2 -> String.valueOf((char) (0xd800 + random.nextInt(0x800))); // a lone surrogate
                case 3 -> "😀";
                case 4 -> String.valueOf((char) (0xa0 + random.nextInt(0xd700)));
                default -> String.valueOf((char) (0x20 + random.nextInt(0x5f)));
            };
            escaped(out, unit);
        }
        out.append('"');
    }

    /** The unit as a producer might write it: raw where JSON allows it, else (and now and then anyway) escaped. */
    private void escaped(StringBuilder out, String unit) {
        char c = unit.charAt(0);
        boolean mustEscape = unit.length() == 1 && (c < 0x20 || Character.isSurrogate(c) || c == '"' || c == '\\');
        if (!mustEscape && (unit.length() > 1 || random.nextInt(4) != 0)) {
            out.append(unit);
            return;
        }
        String shortForm = switch (c) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '/' -> "\\/";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> null;
        };
        if (shortForm != null && random.nextBoolean()) {
            out.append(shortForm);
        } else {
            String hex = String.format("%04x", (int) c);
            out.append("\\u").append(random.nextBoolean() ? hex : hex.toUpperCase(java.util.Locale.ROOT));
        }
    }

    private void space(StringBuilder out) {
        int count = new int[]{0, 0, 0, 1, 2}[random.nextInt(5)];
        for (int i = 0; i < count; i++) {
            out.append(pick(new String[]{" ", "\t", "\n", "\r"}));
        }
    }

    private String digits(int count, boolean nonZeroFirst) {
        StringBuilder digits = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            digits.append((char) ('0' + (i == 0 && nonZeroFirst ? 1 + random.nextInt(9) : random.nextInt(10))));
        }
        return digits.toString();
    }

    private String pick(String[] items) {
        return items[random.nextInt(items.length)];
    }
}
