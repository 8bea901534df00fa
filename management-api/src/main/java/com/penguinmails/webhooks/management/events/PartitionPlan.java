package com.penguinmails.webhooks.management.events;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which day partitions of {@code webhook_events} to add and which to drop at a given time. Days are UTC days; a
 * partition is named after its day, {@code webhook_events_20261124}, and holds {@code created_at} from that day's
 * midnight (inclusive) to the next (exclusive).
 *
 * @param create the days to add a partition for, oldest first
 * @param drop   the partitions whose whole day is older than the retention
 */
record PartitionPlan(List<LocalDate> create, List<String> drop) {

    static final String PREFIX = "webhook_events_";
    private static final Pattern NAME = Pattern.compile(PREFIX + "(\\d{8})");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    /** The plan at {@code now}: today and the {@code daysAhead} next days where missing; expired days to drop. */
    static PartitionPlan at(Instant now, int daysAhead, Duration retention, Collection<String> existing) {
        Set<String> present = Set.copyOf(existing);
        LocalDate today = day(now);
        List<LocalDate> create = Stream.iterate(today, day -> day.plusDays(1)).limit(daysAhead + 1L)
                .filter(day -> !present.contains(name(day)))
                .toList();
        List<String> drop = existing.stream()
                .filter(name -> day(name).filter(day -> expired(day, now, retention)).isPresent())
                .sorted()
                .toList();
        return new PartitionPlan(create, drop);
    }

    /** The partition of a day. */
    static String name(LocalDate day) {
        return PREFIX + DAY.format(day);
    }

    /** The day of a day partition; empty for any other table (the default partition, say). */
    static Optional<LocalDate> day(String partitionName) {
        var matcher = NAME.matcher(partitionName);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(matcher.group(1), DAY));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The UTC day an instant falls on. */
    static LocalDate day(Instant instant) {
        return LocalDate.ofInstant(instant, ZoneOffset.UTC);
    }

    /** Where a day's partition starts, its lower bound; the next day's start is its upper bound. */
    static Instant start(LocalDate day) {
        return day.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** Whether all of a day is older than the retention: its last instant was before {@code now - retention}. */
    static boolean expired(LocalDate day, Instant now, Duration retention) {
        return !start(day.plusDays(1)).isAfter(now.minus(retention));
    }
}
