package com.penguinmails.webhooks.management.dashboard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.springframework.util.MultiValueMap;

import com.penguinmails.webhooks.management.problem.FieldError;
import com.penguinmails.webhooks.management.webhook.CreateWebhookRequest;
import com.penguinmails.webhooks.management.webhook.WebhookView;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The create and edit form as typed: every field as text, so that a page shown again after a refusal keeps what was
 * typed. Inputs are named after the API's fields ({@code timeout_seconds}, ...), so the API's field errors land next
 * to them. Only what the form itself must parse (numbers, the JSON filter, the header lines) is checked here; the
 * rules are the API's.
 *
 * @param contactTagsMatch {@code any} or {@code all}: which of the {@code contactTags} an event's contact must have
 * @param headers          the custom headers, one {@code Name: value} a line
 */
public record WebhookForm(String name, String description, String url, List<String> events, String status, String timeoutSeconds,
                   String maxRetries, boolean retriesEnabled, String workspaces, String campaignIds, String contactTags,
                   String contactTagsMatch, String payloadFilter, String headers, boolean testFirst) {

    private static final String HEADER_SEPARATOR = ": ";

    static WebhookForm blank() {
        return new WebhookForm("", "", "", List.of("email.sent", "email.delivered", "email.opened", "email.clicked", "email.bounced"),
                "active", "5", "5", true, "", "", "", "any", "", "", false);
    }

    static WebhookForm of(MultiValueMap<String, String> form) {
        return new WebhookForm(text(form, "name"), text(form, "description"), text(form, "url"),
                form.getOrDefault("events", List.of()), text(form, "status"), text(form, "timeout_seconds"),
                text(form, "max_retries"), form.containsKey("retries_enabled"), text(form, "workspaces"), text(form, "campaign_ids"),
                text(form, "contact_tags"), text(form, "contact_tags_match"), text(form, "payload_filter"), text(form, "headers"),
                form.containsKey("test_first"));
    }

    /** The form of an existing webhook, for its edit page: every setting the API can give it. */
    static WebhookForm of(WebhookView webhook) {
        JsonNode filters = webhook.filters();
        String workspaces = "";
        String campaigns = "";
        String tags = "";
        String match = "any";
        String payload = "";
        if (filters != null && filters.isObject()) {
            workspaces = join(filters.get("workspaces"));
            campaigns = join(filters.get("campaign_ids"));
            JsonNode tagSpec = filters.get("contact_tags");
            if (tagSpec != null && tagSpec.isObject()) {
                match = tagSpec.has("all") ? "all" : "any";
                tags = join(tagSpec.get(match));
            }
            JsonNode payloadSpec = filters.get("payload");
            if (payloadSpec != null && !payloadSpec.isNull()) {
                payload = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(payloadSpec);
            }
        }
        StringBuilder headers = new StringBuilder();
        if (webhook.headers() != null) {
            webhook.headers().forEach((header, value) -> headers.append(header).append(HEADER_SEPARATOR).append(value).append('\n'));
        }
        return new WebhookForm(webhook.name(), webhook.description() == null ? "" : webhook.description(), webhook.url(),
                webhook.events(), webhook.status(), Integer.toString(webhook.timeoutSeconds()),
                Integer.toString(webhook.maxRetries()), webhook.retriesEnabled(), workspaces, campaigns, tags, match, payload,
                headers.toString(), false);
    }

    /** How many catalog types the chosen events cover: {@code email.*} counts as every email type. */
    public int eventCount() {
        return EventType.namesCoveredBy(events).size();
    }

    /** The API request this form amounts to; what cannot be parsed is left out and reported in {@code errors}. */
    CreateWebhookRequest toRequest(List<FieldError> errors) {
        Integer timeout = number("timeout_seconds", timeoutSeconds, "Response timeout", errors);
        Integer retries = number("max_retries", maxRetries, "Max retry attempts", errors);
        ObjectNode filters = Json.mapper().createObjectNode();
        List<String> workspaceIds = list(workspaces);
        if (!workspaceIds.isEmpty()) {
            filters.set("workspaces", Json.mapper().valueToTree(workspaceIds));
        }
        List<String> campaigns = list(campaignIds);
        if (!campaigns.isEmpty()) {
            filters.set("campaign_ids", Json.mapper().valueToTree(campaigns));
        }
        List<String> tags = list(contactTags);
        if (!tags.isEmpty()) {
            filters.set("contact_tags", Json.mapper().valueToTree(Map.of("all".equals(contactTagsMatch) ? "all" : "any", tags)));
        }
        if (payloadFilter != null && !payloadFilter.isBlank()) {
            try {
                filters.set("payload", Json.mapper().readTree(payloadFilter));
            } catch (RuntimeException e) {
                errors.add(new FieldError("filters.payload", "The custom filter must be JSON, such as {\"opened_count\": {\"$gte\": 3}}."));
            }
        }
        // tested first: created paused, so that no live event reaches it before the test has been seen
        String asked = status == null || status.isBlank() ? null : status;
        return new CreateWebhookRequest(name, description == null || description.isBlank() ? null : description, url,
                events, testFirst ? "paused" : asked, timeout, retries, retriesEnabled,
                filters.isEmpty() ? null : filters, headerLines(errors));
    }

    /**
     * The request an edit of {@code current} amounts to. What the page showed and came back as shown keeps the
     * webhook's value exactly, so that a save changes only what the user changed: a browser sends a textarea's line
     * breaks as CRLF and drops them from a one-line input, and a comma-separated list cannot hold a value with a comma;
     * the events keep their order, new ones after them. What was changed is read as on create.
     */
    CreateWebhookRequest toRequest(List<FieldError> errors, WebhookView current) {
        WebhookForm shown = of(current);
        CreateWebhookRequest typed = toRequest(errors);
        return new CreateWebhookRequest(
                sameLine(name, shown.name) ? current.name() : typed.name(),
                sameText(description, shown.description) ? current.description() : typed.description(),
                sameLine(url, shown.url) ? current.url() : typed.url(),
                inOrderOf(current.events(), events),
                typed.status(), typed.timeoutSeconds(), typed.maxRetries(), typed.retriesEnabled(),
                filtersKeepingUntouched(shown, current.filters(), typed.filters()),
                sameText(headers, shown.headers) ? current.headers() : typed.headers());
    }

    /** {@code current}'s filters with only the parts the user changed replaced by {@code typed}'s. */
    private JsonNode filtersKeepingUntouched(WebhookForm shown, JsonNode current, JsonNode typed) {
        Map<String, Boolean> untouched = new LinkedHashMap<>();
        untouched.put("workspaces", sameLine(workspaces, shown.workspaces));
        untouched.put("campaign_ids", sameLine(campaignIds, shown.campaignIds));
        untouched.put("contact_tags", sameLine(contactTags, shown.contactTags) && Objects.equals(contactTagsMatch, shown.contactTagsMatch));
        untouched.put("payload", sameText(payloadFilter, shown.payloadFilter));
        if (!untouched.containsValue(false)) {
            return current;
        }
        ObjectNode filters = current != null && current.isObject() ? ((ObjectNode) current).deepCopy() : Json.mapper().createObjectNode();
        untouched.forEach((filter, same) -> {
            if (same) {
                return;
            }
            JsonNode value = typed == null ? null : typed.get(filter);
            if (value == null) {
                filters.remove(filter);
            } else {
                filters.set(filter, value);
            }
        });
        return filters.isEmpty() ? null : filters;
    }

    /** The chosen events, those the webhook had in its order, then the new ones. */
    private static List<String> inOrderOf(List<String> before, List<String> chosen) {
        Set<String> ordered = new LinkedHashSet<>();
        before.stream().filter(chosen::contains).forEach(ordered::add);
        ordered.addAll(chosen);
        return List.copyOf(ordered);
    }

    /** Field errors by input: filter errors ({@code filters.payload.$or[1]...}) gathered under {@code filters}. */
    static Map<String, String> byField(List<FieldError> errors) {
        Map<String, String> byField = new LinkedHashMap<>();
        for (FieldError error : errors) {
            String field = error.field();
            for (String input : List.of("filters", "events", "headers")) {
                if (field.startsWith(input)) {
                    field = input;
                }
            }
            byField.merge(field, error.reason(), (a, b) -> a + " " + b);
        }
        return byField;
    }

    /** The custom headers typed, one {@code Name: value} a line (blank lines skipped); null when none. */
    private Map<String, String> headerLines(List<FieldError> errors) {
        if (headers == null || headers.isBlank()) {
            return null;
        }
        Map<String, String> parsed = new LinkedHashMap<>();
        for (String line : headers.split("\r\n|\r|\n")) {
            if (line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                errors.add(new FieldError("headers", "Write each custom header on a line of its own as Name: value, such as X-Tenant: acme."));
                continue;
            }
            String header = line.substring(0, colon).trim();
            String value = line.substring(colon + 1);
            // the one space after the colon is the separator; any other space belongs to the value
            value = value.startsWith(" ") ? value.substring(1) : value;
            if (parsed.put(header, value) != null) {
                errors.add(new FieldError("headers." + header, "Header '" + header + "' is given twice."));
            }
        }
        return parsed.isEmpty() ? null : parsed;
    }

    /** Whether a one-line input came back as shown: a browser drops line breaks from it. */
    private static boolean sameLine(String posted, String shown) {
        return oneLine(posted).equals(oneLine(shown));
    }

    /** Whether a textarea came back as shown: a browser sends its line breaks, whichever they were, as CRLF. */
    private static boolean sameText(String posted, String shown) {
        return lineFeeds(posted).equals(lineFeeds(shown));
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replace("\r", "").replace("\n", "");
    }

    private static String lineFeeds(String text) {
        return text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static Integer number(String field, String text, String label, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            errors.add(new FieldError(field, label + " must be a whole number."));
            return null;
        }
    }

    private static List<String> list(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(part -> !part.isEmpty()).toList();
    }

    private static String join(JsonNode array) {
        if (array == null || !array.isArray()) {
            return "";
        }
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return String.join(", ", values);
    }

    private static String text(MultiValueMap<String, String> form, String field) {
        String value = form.getFirst(field);
        return value == null ? "" : value;
    }
}
