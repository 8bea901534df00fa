package com.penguinmails.webhooks.management.replay;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.management.ManagementProperties;
import com.penguinmails.webhooks.management.problem.ApiException;
import com.penguinmails.webhooks.management.problem.FieldError;
import com.penguinmails.webhooks.model.EventType;

/**
 * Checks a new replay and says, field by field, what is wrong. The range may span at most the event store's retention
 * (older events are gone anyway), and its end is clamped to now: what happens after now is live traffic, delivered
 * once already, not something to replay.
 */
@Component
class ReplayValidator {

    private final Duration maxRange;
    private final int maxEventsPerSecond;
    private final Clock clock;

    ReplayValidator(ManagementProperties properties, Clock clock) {
        this.maxRange = properties.eventRetention();
        this.maxEventsPerSecond = properties.replay().eventsPerSecond();
        this.clock = clock;
    }

    /**
     * A request that passed validation.
     *
     * @param eventTypes the types and categories asked for, without repeats; null for every type
     */
    record ValidReplay(Instant from, Instant to, List<String> eventTypes, int eventsPerSecond) {
    }

    /** The valid replay, or an {@link ApiException} (400) listing every invalid field. */
    ValidReplay validate(ReplayRequest request) {
        if (request == null) {
            throw ApiException.validation(List.of(new FieldError("body", "A JSON body with from and to is required.")));
        }
        List<FieldError> errors = new ArrayList<>();
        Instant now = clock.instant();
        Instant from = instant("from", request.from(), errors);
        Instant to = instant("to", request.to(), errors);
        if (from != null && from.isAfter(now)) {
            errors.add(new FieldError("from", "from must not be in the future: only stored events can be replayed."));
        }
        if (from != null && to != null) {
            if (!from.isBefore(to)) {
                errors.add(new FieldError("to", "to must be later than from."));
            } else if (Duration.between(from, to).compareTo(maxRange) > 0) {
                errors.add(new FieldError("to", "The range may span at most " + days(maxRange)
                        + " (the event store keeps events that long); replay a longer stretch in several parts."));
            }
        }
        List<String> types = eventTypes(request.eventTypes(), errors);
        Integer rate = request.eventsPerSecond();
        if (rate != null && (rate < 1 || rate > maxEventsPerSecond)) {
            errors.add(new FieldError("events_per_second", "events_per_second must be between 1 and " + maxEventsPerSecond + "."));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new ValidReplay(from, to.isAfter(now) ? now : to, types, rate == null ? maxEventsPerSecond : rate);
    }

    private static Instant instant(String field, String text, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldError(field, field + " is required: an ISO-8601 time with an offset, such as 2026-11-24T10:00:00Z."));
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeException e) {
            errors.add(new FieldError(field, field + " must be an ISO-8601 time with an offset, such as 2026-11-24T10:00:00Z."));
            return null;
        }
    }

    private static List<String> eventTypes(List<String> asked, List<FieldError> errors) {
        if (asked == null) {
            return null;
        }
        if (asked.isEmpty()) {
            errors.add(new FieldError("event_types", "Name at least one event type, or leave event_types out to replay every type."));
            return null;
        }
        Set<String> unique = new LinkedHashSet<>();
        for (int i = 0; i < asked.size(); i++) {
            String type = asked.get(i);
            if (EventType.isSubscribable(type)) {
                unique.add(type);
            } else {
                errors.add(FieldError.unknownEventType("event_types[" + i + "]", type, true));
            }
        }
        return List.copyOf(unique);
    }

    private static String days(Duration range) {
        long days = range.toDays();
        return days * 86_400 == range.toSeconds() ? days + (days == 1 ? " day" : " days") : range.toString();
    }
}
