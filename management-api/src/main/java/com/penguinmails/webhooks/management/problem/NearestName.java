package com.penguinmails.webhooks.management.problem;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

import org.apache.commons.text.similarity.DamerauLevenshteinDistance;

/**
 * The known name a misspelt one was most likely meant to be, or none when no known name is close: a few edits away
 * ({@code filter} for {@code filters}, {@code evnts} for {@code events}, {@code nmae} for {@code name}: Damerau-
 * Levenshtein, where swapping two letters is one edit), the same in other case or camelCase ({@code timeoutSeconds}
 * for {@code timeout_seconds}), or a known name less its last word ({@code timeout} for {@code timeout_seconds},
 * {@code events} for {@code event_types}). Far-fetched names are not suggested.
 */
final class NearestName {

    /** At most this many edits, and never more than a third of the name's length (but one edit always). */
    static final int MAX_EDITS = 3;

    private NearestName() {
    }

    static Optional<String> of(String unknown, Collection<String> known) {
        String name = normalized(unknown);
        record Candidate(String name, int distance) {
        }
        return known.stream()
                .map(candidate -> new Candidate(candidate, distance(name, candidate)))
                .filter(candidate -> candidate.distance() >= 0)
                .min(Comparator.comparingInt(Candidate::distance).thenComparing(Candidate::name))
                .map(Candidate::name);
    }

    /** Edits from the name to the known one or to the known one less its last word, whichever is closer; -1 when too far. */
    private static int distance(String name, String known) {
        int full = within(name, known);
        int lastWord = known.lastIndexOf('_');
        int shortened = lastWord > 0 ? within(name, known.substring(0, lastWord)) : -1;
        return full < 0 ? shortened : shortened < 0 ? full : Math.min(full, shortened);
    }

    private static int within(String name, String target) {
        // a bounded distance gives up (-1) past the allowed edits: a long made-up name costs little
        return new DamerauLevenshteinDistance(Math.max(1, Math.min(MAX_EDITS, target.length() / 3))).apply(name, target);
    }

    /** camelCase and kebab-case in the API's snake_case, lower case: {@code timeoutSeconds} as {@code timeout_seconds}. */
    private static String normalized(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replace('-', '_').toLowerCase(Locale.ROOT);
    }
}
