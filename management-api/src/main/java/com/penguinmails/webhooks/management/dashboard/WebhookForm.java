package com.penguinmails.webhooks.management.dashboard;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.util.MultiValueMap;

import com.penguinmails.webhooks.management.problem.FieldError;
import com.penguinmails.webhooks.management.webhook.CreateWebhookRequest;
import com.penguinmails.webhooks.management.webhook.WebhookView;
import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The create and edit form as typed: every field as text, so that a page shown again after a refusal keeps what was
 * typed. Inputs are named after the API's fields ({@code timeout_seconds}, ...), so the API's field errors land next
 * to them. Only what the form itself must parse (numbers, the JSON filter) is checked here; the rules are the API's.
 */
public record WebhookForm(String name, String description, String url, List<String> events, String status, String timeoutSeconds,
                   String maxRetries, boolean retriesEnabled, String workspaces, String campaignIds, String contactTags,
                   String payloadFilter, boolean testFirst) {

    static WebhookForm blank() {
        return new WebhookForm("", "", "", List.of("email.sent", "email.delivered", "email.opened", "email.clicked", "email.bounced"),
                "active", "5", "5", true, "", "", "", "", false);
    }

    static WebhookForm of(MultiValueMap<String, String> form) {
        return new WebhookForm(text(form, "name"), text(form, "description"), text(form, "url"),
                form.getOrDefault("events", List.of()), text(form, "status"), text(form, "timeout_seconds"),
                text(form, "max_retries"), form.containsKey("retries_enabled"), text(form, "workspaces"), text(form, "campaign_ids"),
                text(form, "contact_tags"), text(form, "payload_filter"), form.containsKey("test_first"));
    }

    /** The form of an existing webhook, for its edit page. */
    static WebhookForm of(WebhookView webhook) {
        JsonNode filters = webhook.filters();
        String workspaces = "";
        String campaigns = "";
        String tags = "";
        String payload = "";
        if (filters != null && filters.isObject()) {
            if (filters.has("workspaces")) {
                workspaces = join(filters.get("workspaces"));
            }
            if (filters.has("campaign_ids")) {
                campaigns = join(filters.get("campaign_ids"));
            }
            if (filters.has("contact_tags") && filters.get("contact_tags").has("any")) {
                tags = join(filters.get("contact_tags").get("any"));
            }
            if (filters.has("payload")) {
                payload = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(filters.get("payload"));
            }
        }
        return new WebhookForm(webhook.name(), webhook.description() == null ? "" : webhook.description(), webhook.url(),
                webhook.events(), webhook.status().equals("paused") ? "paused" : "active", Integer.toString(webhook.timeoutSeconds()),
                Integer.toString(webhook.maxRetries()), webhook.retriesEnabled(), workspaces, campaigns, tags, payload, false);
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
            filters.set("contact_tags", Json.mapper().valueToTree(Map.of("any", tags)));
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
                filters.isEmpty() ? null : filters, null);
    }

    /** Field errors by input: filter errors ({@code filters.payload.$or[1]...}) gathered under {@code filters}. */
    static Map<String, String> byField(List<FieldError> errors) {
        Map<String, String> byField = new LinkedHashMap<>();
        for (FieldError error : errors) {
            String field = error.field().startsWith("filters") ? "filters" : error.field().startsWith("events") ? "events" : error.field();
            byField.merge(field, error.reason(), (a, b) -> a + " " + b);
        }
        return byField;
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
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return String.join(", ", values);
    }

    private static String text(MultiValueMap<String, String> form, String field) {
        String value = form.getFirst(field);
        return value == null ? "" : value;
    }
}
