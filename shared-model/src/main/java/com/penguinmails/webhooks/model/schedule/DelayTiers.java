package com.penguinmails.webhooks.model.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The delay topics and how a wait is made of them. Every full leg on a tier waits exactly the tier's delay after it
 * was written, so a tier's partitions are in due order and the scheduler need only watch each partition's head. A
 * wait that is not a tier is composed of hops: the longest tier that fits, again and again, until no more than the
 * shortest tier remains, which is waited on the shortest tier, due at the due time. That last leg is out of order on
 * the shortest tier by up to its delay, so the scheduler reads that tier past its head and holds its records until
 * their leg ends (a bounded look-ahead of at most the shortest tier's delay). So a record never fires early, and fires
 * late only by the scheduler's own latency.
 *
 * <p>Every leg is one Kafka write and read, so the tiers are chosen for few legs: the default shortest tier is 5 s
 * (what the scheduler holds is the rate into it times at most 5 s), then 15 s and 30 s for the rest of a minute, then
 * spec 001's 1 m … 24 h.
 *
 * <p>Written as {@code topic=duration,...}, e.g. {@code webhooks.retry.1m=1m,webhooks.retry.5m=5m}; durations take
 * {@code ms}, {@code s}, {@code m}, {@code h} or {@code d}. A topic taken out of the list is no longer read: keep it in
 * until it is empty.
 */
public final class DelayTiers {

    /** The default tiers: spec 001's 1 m … 24 h, and 5 s / 15 s / 30 s for the last part of a composed wait. */
    public static final String DEFAULT_SPEC = "webhooks.retry.5s=5s,webhooks.retry.15s=15s,webhooks.retry.30s=30s,"
            + "webhooks.retry.1m=1m,webhooks.retry.5m=5m,webhooks.retry.15m=15m,webhooks.retry.1h=1h,webhooks.retry.24h=24h";

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    /** One delay topic. */
    public record Tier(String topic, Duration delay) {
    }

    /** The next leg of a wait: the tier to write to and when the record falls due there. */
    public record Hop(Tier tier, Instant hopDueAt) {
    }

    private final List<Tier> tiers;

    private DelayTiers(List<Tier> tiers) {
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("at least one delay tier is needed");
        }
        Set<String> topics = new HashSet<>();
        for (Tier tier : tiers) {
            if (tier.delay().isNegative() || tier.delay().isZero()) {
                throw new IllegalArgumentException("delay tier " + tier.topic() + " needs a positive delay");
            }
            if (!topics.add(tier.topic())) {
                throw new IllegalArgumentException("delay tier " + tier.topic() + " is named twice");
            }
        }
        List<Tier> sorted = new ArrayList<>(tiers);
        sorted.sort(Comparator.comparing(Tier::delay));
        this.tiers = List.copyOf(sorted);
    }

    public static DelayTiers defaults() {
        return parse(DEFAULT_SPEC);
    }

    /** Reads {@code topic=duration,...}; blank means the defaults. */
    public static DelayTiers parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return defaults();
        }
        List<Tier> tiers = new ArrayList<>();
        for (String part : spec.split(",")) {
            String[] nameAndDelay = part.trim().split("=");
            if (nameAndDelay.length != 2 || nameAndDelay[0].isBlank()) {
                throw new IllegalArgumentException("delay tier '" + part.trim() + "' is not topic=duration (e.g. webhooks.retry.1m=1m)");
            }
            tiers.add(new Tier(nameAndDelay[0].trim(), duration(nameAndDelay[1].trim())));
        }
        return new DelayTiers(tiers);
    }

    private static Duration duration(String text) {
        Matcher matcher = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("delay '" + text + "' is not a number with ms, s, m, h or d");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** The tiers, shortest first; the first is the one the scheduler reads past its head. */
    public List<Tier> tiers() {
        return tiers;
    }

    public List<String> topics() {
        return tiers.stream().map(Tier::topic).toList();
    }

    /**
     * The next leg of a wait from {@code now} until {@code dueAt}: the longest tier no longer than what remains, due
     * exactly its delay from now; or, with less than the shortest tier left, the shortest tier, due at {@code dueAt}.
     */
    public Hop hop(Instant now, Instant dueAt) {
        Duration remaining = Duration.between(now, dueAt);
        Tier fits = null;
        for (Tier tier : tiers) {
            if (tier.delay().compareTo(remaining) <= 0) {
                fits = tier;
            }
        }
        return fits == null ? new Hop(tiers.getFirst(), dueAt) : new Hop(fits, now.plus(fits.delay()));
    }

    @Override
    public String toString() {
        return String.join(",", tiers.stream().map(tier -> tier.topic() + "=" + tier.delay()).toList());
    }
}
