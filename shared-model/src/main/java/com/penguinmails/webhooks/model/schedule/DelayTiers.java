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
 * The delay topics and how a wait is made of them. Every leg on a tier waits exactly the tier's delay after it was
 * written, so a tier's partitions are in due order and the scheduler need only watch each partition's head. A wait
 * that is not a tier is composed of hops: the longest tier that fits, again and again, until less than the shortest
 * tier remains, which is waited on the last-leg topic ({@value #LAST_LEG_TOPIC}), due at the due time. That topic is
 * out of order by up to the shortest tier's delay, so the scheduler reads it past its head and holds its records until
 * they are due (a bounded look-ahead: a record waits there less than the shortest tier's delay). So a record never
 * fires early, and fires late only by the scheduler's own latency.
 *
 * <p>Every leg is one Kafka write and read, so the tiers are chosen for few legs: 5 s, 15 s and 30 s for the part of
 * a wait under a minute, then spec 001's 1 m … 24 h. Full legs never go to the last-leg topic, so what the scheduler
 * holds is only the remainders: on average half the shortest tier a delivery.
 *
 * <p>Written as {@code topic=duration,...}, e.g. {@code webhooks.retry.1m=1m,webhooks.retry.5m=5m}; durations take
 * {@code ms}, {@code s}, {@code m}, {@code h} or {@code d}. A topic taken out of the list is no longer read, so records
 * left on it stay there.
 */
public final class DelayTiers {

    /** The default tiers: spec 001's 1 m … 24 h, and 5 s / 15 s / 30 s for the last part of a composed wait. */
    public static final String DEFAULT_SPEC = "webhooks.retry.5s=5s,webhooks.retry.15s=15s,webhooks.retry.30s=30s,"
            + "webhooks.retry.1m=1m,webhooks.retry.5m=5m,webhooks.retry.15m=15m,webhooks.retry.1h=1h,webhooks.retry.24h=24h";

    /** Where the last part of a wait, shorter than the shortest tier, waits: due at the due time, not in due order. */
    public static final String LAST_LEG_TOPIC = "webhooks.retry.last";

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    /** One delay topic. */
    public record Tier(String topic, Duration delay) {
    }

    /** The next leg of a wait: the tier to write to and when the record falls due there. */
    public record Hop(Tier tier, Instant hopDueAt) {
    }

    private final List<Tier> tiers;
    private final Tier lastLeg;

    private DelayTiers(List<Tier> tiers) {
        if (tiers.isEmpty()) {
            throw new IllegalArgumentException("at least one delay tier is needed");
        }
        Set<String> topics = new HashSet<>();
        for (Tier tier : tiers) {
            if (tier.delay().isNegative() || tier.delay().isZero()) {
                throw new IllegalArgumentException("delay tier " + tier.topic() + " needs a positive delay");
            }
            if (tier.topic().equals(LAST_LEG_TOPIC)) {
                throw new IllegalArgumentException(LAST_LEG_TOPIC + " is the last-leg topic, not a delay tier");
            }
            if (!topics.add(tier.topic())) {
                throw new IllegalArgumentException("delay tier " + tier.topic() + " is named twice");
            }
        }
        List<Tier> sorted = new ArrayList<>(tiers);
        sorted.sort(Comparator.comparing(Tier::delay));
        this.tiers = List.copyOf(sorted);
        this.lastLeg = new Tier(LAST_LEG_TOPIC, this.tiers.getFirst().delay());
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

    /** The tiers, shortest first. */
    public List<Tier> tiers() {
        return tiers;
    }

    /** The last-leg topic, with the shortest tier's delay: the longest a record waits there. */
    public Tier lastLeg() {
        return lastLeg;
    }

    /** Every delay topic: the tiers' and the last-leg topic. */
    public List<String> topics() {
        List<String> topics = new ArrayList<>(tiers.stream().map(Tier::topic).toList());
        topics.add(lastLeg.topic());
        return List.copyOf(topics);
    }

    /**
     * The next leg of a wait from {@code now} until {@code dueAt}: the longest tier no longer than what remains, due
     * exactly its delay from now; or, with less than the shortest tier left, the last-leg topic, due at {@code dueAt}.
     */
    public Hop hop(Instant now, Instant dueAt) {
        Duration remaining = Duration.between(now, dueAt);
        Tier fits = null;
        for (Tier tier : tiers) {
            if (tier.delay().compareTo(remaining) <= 0) {
                fits = tier;
            }
        }
        return fits == null ? new Hop(lastLeg, dueAt) : new Hop(fits, now.plus(fits.delay()));
    }

    @Override
    public String toString() {
        return String.join(",", tiers.stream().map(tier -> tier.topic() + "=" + tier.delay()).toList());
    }
}
