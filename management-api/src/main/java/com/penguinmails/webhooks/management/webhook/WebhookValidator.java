package com.penguinmails.webhooks.management.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.management.ManagementProperties;
import com.penguinmails.webhooks.management.problem.ApiException;
import com.penguinmails.webhooks.management.problem.FieldError;
import com.penguinmails.webhooks.model.CustomHeaders;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.filter.FilterSyntaxException;
import com.penguinmails.webhooks.model.filter.WebhookFilter;
import com.penguinmails.webhooks.model.net.TargetAddressPolicy;
import tools.jackson.databind.JsonNode;

/** Checks a webhook request field by field and reports every problem at once, in words a person understands. */
@Component
public class WebhookValidator {

    static final int MIN_TIMEOUT_SECONDS = 1;
    static final int MAX_TIMEOUT_SECONDS = 30;
    static final int DEFAULT_TIMEOUT_SECONDS = 5;
    static final int MIN_RETRIES = 1;
    static final int MAX_RETRIES = 10;
    static final int DEFAULT_RETRIES = 5;
    static final int NAME_MAX_CHARS = 255;
    static final int URL_MAX_CHARS = 2048;

    private final boolean allowLoopback;

    WebhookValidator(ManagementProperties properties) {
        this.allowLoopback = properties.allowLoopbackUrls();
    }

    /** The request of a new webhook with defaults filled in, or an {@link ApiException} listing every invalid field. */
    ValidWebhook validate(CreateWebhookRequest request) {
        return validate(request, null);
    }

    /**
     * As {@link #validate(CreateWebhookRequest)}, for a change of a webhook now in {@code currentStatus}: a webhook
     * the health policy disabled may keep {@code disabled} (what a read-modify-write sends back), though no request
     * can disable one.
     */
    ValidWebhook validate(CreateWebhookRequest request, String currentStatus) {
        List<FieldError> errors = new ArrayList<>();
        URI url = url(request.url(), errors);
        List<String> events = events(request.events(), errors);
        String status = request.status() == null ? "active" : request.status();
        boolean keptDisabled = status.equals("disabled") && "disabled".equals(currentStatus);
        if (!status.equals("active") && !status.equals("paused") && !keptDisabled) {
            errors.add(new FieldError("status", "Status must be 'active' or 'paused'."));
        }
        int timeout = request.timeoutSeconds() == null ? DEFAULT_TIMEOUT_SECONDS : request.timeoutSeconds();
        if (timeout < MIN_TIMEOUT_SECONDS || timeout > MAX_TIMEOUT_SECONDS) {
            errors.add(new FieldError("timeout_seconds", "Response timeout must be between 1 and 30 seconds."));
        }
        int retries = request.maxRetries() == null ? DEFAULT_RETRIES : request.maxRetries();
        if (retries < MIN_RETRIES || retries > MAX_RETRIES) {
            errors.add(new FieldError("max_retries", "Max retry attempts must be between 1 and 10."));
        }
        String name = request.name() == null || request.name().isBlank() ? null : request.name().trim();
        if (name == null) {
            errors.add(new FieldError("name", "Name is required: a descriptive name to identify this webhook."));
        } else if (name.length() > NAME_MAX_CHARS) {
            errors.add(new FieldError("name", "Name must be at most 255 characters."));
        }
        // PostgreSQL stores no NUL character in text or jsonb: say so here rather than fail on the write
        if (name != null && name.indexOf('\u0000') >= 0) {
            errors.add(new FieldError("name", "Name must not contain a NUL character."));
        }
        if (request.description() != null && request.description().indexOf('\u0000') >= 0) {
            errors.add(new FieldError("description", "Description must not contain a NUL character."));
        }
        JsonNode filters = request.filters() == null || request.filters().isNull() ? null : request.filters();
        if (filters != null && filters.toString().contains("\\u0000")) {
            errors.add(new FieldError("filters", "Filters must not contain a NUL character."));
        }
        Map<String, String> headers = request.headers() == null || request.headers().isEmpty() ? null : request.headers();
        CustomHeaders.problems(headers).forEach(problem -> errors.add(new FieldError(problem.field(), problem.reason())));
        try {
            WebhookFilter.parse(filters);
        } catch (FilterSyntaxException e) {
            errors.add(e.unknownName().map(unknown -> FieldError.unknownField(e.path(), unknown.name(), unknown.known()))
                    .orElseGet(() -> new FieldError(e.path(), e.getMessage())));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        boolean retriesEnabled = request.retriesEnabled() == null || request.retriesEnabled();
        return new ValidWebhook(name, request.description(), url.toString(), events, status, timeout, retries, retriesEnabled, filters, headers);
    }

    /**
     * The URL rules every webhook API shares (HTTPS, no credentials, no internal addresses unless the local profile
     * allows loopback), for the compact {@code /v1} API: the URL as stored, or null after adding its error to
     * {@code errors} under the field {@code url}.
     */
    public String checkUrl(String text, List<FieldError> errors) {
        URI uri = url(text, errors);
        return uri == null ? null : uri.toString();
    }

    private URI url(String text, List<FieldError> errors) {
        String invalid = allowLoopback
                ? "Invalid URL. Please enter a valid HTTPS URL (HTTP is allowed for localhost testing)."
                : "Invalid URL. Please enter a valid HTTPS URL.";
        if (text == null || text.isBlank()) {
            errors.add(new FieldError("url", "URL is required. " + invalid.substring("Invalid URL. ".length())));
            return null;
        }
        if (text.length() > URL_MAX_CHARS) {
            errors.add(new FieldError("url", "URL must be at most 2048 characters."));
            return null;
        }
        URI uri;
        try {
            uri = new URI(text.trim());
        } catch (URISyntaxException e) {
            errors.add(new FieldError("url", invalid));
            return null;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = TargetAddressPolicy.host(uri);
        java.util.Optional<String> internal = host == null ? java.util.Optional.empty() : TargetAddressPolicy.refusalOfHost(host);
        boolean loopback = host != null && TargetAddressPolicy.isLoopbackHost(host);
        // by the host's text only: a name is judged again by the dispatcher on the address it connects to (DNS may
        // change between now and then), so no lookup here
        if (internal.isPresent() && !(loopback && allowLoopback)) {
            errors.add(new FieldError("url", "URL must not point at localhost or other internal addresses ("
                    + host + " is " + internal.get() + ")."));
            return null;
        }
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http")) || uri.getUserInfo() != null) {
            errors.add(new FieldError("url", invalid));
            return null;
        }
        if (scheme.equals("http") && !loopback) {
            errors.add(new FieldError("url", invalid));
            return null;
        }
        return uri;
    }

    private static List<String> events(List<String> events, List<FieldError> errors) {
        if (events == null || events.isEmpty()) {
            errors.add(new FieldError("events", "Select at least one event."));
            return List.of();
        }
        Set<String> unique = new LinkedHashSet<>();
        for (int i = 0; i < events.size(); i++) {
            String type = events.get(i);
            if (!EventType.isSubscribable(type)) {
                errors.add(FieldError.unknownEventType("events[" + i + "]", type, true));
            } else {
                unique.add(type);
            }
        }
        return List.copyOf(unique);
    }

    /** A request that passed validation, with defaults applied. */
    record ValidWebhook(String name, String description, String url, List<String> events, String status,
                        int timeoutSeconds, int maxRetries, boolean retriesEnabled, JsonNode filters,
                        Map<String, String> headers) {
    }
}
