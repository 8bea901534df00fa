package com.penguinmails.webhooks.management.dashboard;

import java.util.ArrayList;
import java.util.List;

import com.penguinmails.webhooks.management.problem.FieldError;
import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.filter.FilterSyntaxException;
import com.penguinmails.webhooks.model.filter.WebhookFilter;

/**
 * The create form's "Test Filter" (spec 004 "Validate filter syntax"): the filters of step 3 compiled by the code
 * the API and the dispatcher use, and, when they compile, whether the sample event of each chosen type would pass.
 *
 * @param valid   whether the filters compile
 * @param path    where they break ({@code filters.payload.$or[1]...}); null when valid
 * @param reason  why they break; null when valid
 * @param samples per chosen event type, whether its sample passes; empty when not valid
 */
public record FilterCheck(boolean valid, String path, String reason, List<SampleMatch> samples) {

    /** Whether the sample event of a type would pass the filters. */
    public record SampleMatch(String eventType, boolean matches) {
    }

    /** Checks the form's filters as they would be saved, for a webhook of the workspace. */
    static FilterCheck of(WebhookForm form, String workspaceId) {
        List<FieldError> errors = new ArrayList<>();
        var request = form.toRequest(errors);
        for (FieldError error : errors) {
            if (error.field().startsWith("filters")) {
                return new FilterCheck(false, error.field(), error.reason(), List.of());
            }
        }
        WebhookFilter filter;
        try {
            filter = WebhookFilter.parse(request.filters());
        } catch (FilterSyntaxException e) {
            return new FilterCheck(false, e.path(), e.getMessage(), List.of());
        }
        List<SampleMatch> samples = new ArrayList<>();
        for (String type : EventType.namesCoveredBy(form.events())) {
            EventType.fromName(type).ifPresent(known -> samples.add(new SampleMatch(type,
                    filter.matches(workspaceId, Json.read(known.exampleJson(), EventEnvelope.class)))));
        }
        return new FilterCheck(true, null, null, samples);
    }
}
