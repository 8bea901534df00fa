package com.penguinmails.webhooks.management.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.stereotype.Component;

/** Numbers and times as the pages show them; available to templates as {@code @fmt}. */
@Component("fmt")
public class Formats {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM d, HH:mm:ss 'UTC'", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("MMMM d, yyyy", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final java.time.Clock clock;

    Formats(java.time.Clock clock) {
        this.clock = clock;
    }

    public String time(Instant at) {
        return at == null ? "—" : TIME.format(at);
    }

    public String date(Instant at) {
        return at == null ? "—" : DATE.format(at);
    }

    /** "2 minutes ago", "just now", "3 days ago". */
    public String ago(Instant at) {
        if (at == null) {
            return "never";
        }
        Duration since = Duration.between(at, clock.instant());
        if (since.toSeconds() < 60) {
            return "just now";
        }
        if (since.toMinutes() < 60) {
            return plural(since.toMinutes(), "minute") + " ago";
        }
        if (since.toHours() < 48) {
            return plural(since.toHours(), "hour") + " ago";
        }
        return plural(since.toDays(), "day") + " ago";
    }

    public String percent(Double rate) {
        return rate == null ? "—" : String.format(Locale.ENGLISH, "%.1f%%", rate);
    }

    public String count(long n) {
        return String.format(Locale.ENGLISH, "%,d", n);
    }

    public String millis(Long ms) {
        return ms == null ? "—" : String.format(Locale.ENGLISH, "%,d ms", ms);
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
