package com.penguinmails.webhooks.management.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.penguinmails.webhooks.management.ManagementProperties;
import com.penguinmails.webhooks.management.problem.ApiException;
import com.penguinmails.webhooks.management.problem.FieldError;
import com.penguinmails.webhooks.model.signing.SecretCipher;

class WebhookValidatorTests {

    private final WebhookValidator production = validator(false);
    private final WebhookValidator local = validator(true);

    @Test
    void fillsInDefaultsAndDropsDuplicateEvents() {
        WebhookValidator.ValidWebhook valid = production.validate(new CreateWebhookRequest("  CRM Contact Sync ", null,
                "https://yourapp.com/webhooks/penguinmails", List.of("email.opened", "email.opened"), null, null, null, null, null, null));
        assertThat(valid.name()).isEqualTo("CRM Contact Sync");
        assertThat(valid.events()).containsExactly("email.opened");
        assertThat(valid.status()).isEqualTo("active");
        assertThat(valid.timeoutSeconds()).isEqualTo(5);
        assertThat(valid.maxRetries()).isEqualTo(5);
        assertThat(valid.retriesEnabled()).isTrue();
    }

    @Test
    void aDisabledWebhookMayKeepItsStatusButNoRequestDisablesOne() {
        CreateWebhookRequest keepDisabled = new CreateWebhookRequest("CRM", null, "https://x.example.com/h", List.of("email.opened"),
                "disabled", null, null, null, null, null);
        assertThat(production.validate(keepDisabled, "disabled").status()).isEqualTo("disabled");
        for (String current : new String[] {null, "active", "paused"}) {
            assertThatThrownBy(() -> production.validate(keepDisabled, current)).as("now %s", current)
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("status"));
        }
    }

    @Test
    void requiresANameAndOneToTenRetries() {
        assertThatThrownBy(() -> production.validate(new CreateWebhookRequest(" ", null, "https://x.example.com/h",
                List.of("email.opened"), null, null, 0, null, null, null))).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.errors()).extracting(FieldError::reason).containsExactly(
                        "Max retry attempts must be between 1 and 10.", "Name is required: a descriptive name to identify this webhook."));
    }

    @Test
    void refusesLoopbackAndPlainHttpInProduction() {
        assertThat(fields(production, "http://localhost:8080/x")).containsExactly("url");
        assertThat(fields(production, "https://127.0.0.1/x")).containsExactly("url");
        assertThat(fields(production, "http://example.com/x")).containsExactly("url");
        assertThat(fields(production, "https://user:pw@example.com/x")).containsExactly("url");
    }

    /** The SSRF bypass table (issue #12): every spelling of an internal address is refused when a webhook is saved. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"https://2130706433/", "https://0177.0.0.1/", "https://0x7f000001/",
            "https://0x7f.0.0.1/", "https://127.1/", "https://127.0.0.1./", "https://127.5.6.7/", "https://[::1]/",
            "https://[::ffff:127.0.0.1]/", "https://[::ffff:7f00:1]/", "https://[::127.0.0.1]/", "https://[fe80::1]/", "https://[::]/",
            "https://[fd00:ec2::254]/latest/meta-data/", "https://0.0.0.0/", "https://169.254.169.254/latest/meta-data/",
            "https://10.0.0.1/", "https://172.16.0.1/", "https://192.168.1.1/", "https://100.64.0.1/",
            "https://metadata.google.internal/computeMetadata/v1/", "https://metadata/", "https://localhost/", "https://LOCALHOST./",
            "https://api.localhost/", "https://printer.local/", "https://[::ffff:a9fe:a9fe]/"})
    void refusesEverySpellingOfAnInternalAddress(String url) {
        assertThat(fields(production, url)).as(url).containsExactly("url");
        assertThatThrownBy(() -> production.validate(request(url))).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.errors().getFirst().reason()).as(url).contains("internal addresses"));
        // the local profile lets plain loopback through (its receivers live there), and nothing else internal
        boolean plainLoopback = com.penguinmails.webhooks.model.net.TargetAddressPolicy.isLoopbackHost(com.penguinmails.webhooks.model.net.TargetAddressPolicy.host(java.net.URI.create(url)));
        assertThat(fields(local, url)).as("local: %s", url).isEqualTo(plainLoopback ? List.of() : List.of("url"));
    }

    @Test
    void allowsPublicAddressesAndNames() {
        for (String url : List.of("https://93.184.216.34/x", "https://example.com/x", "https://1password.com/", "https://[2606:4700::1111]/")) {
            assertThat(fields(production, url)).as(url).isEmpty();
        }
    }

    @Test
    void allowsPlainHttpToLoopbackOnlyWhenConfigured() {
        assertThat(local.validate(request("http://localhost:8080/inspector/tour")).url()).isEqualTo("http://localhost:8080/inspector/tour");
        assertThat(local.validate(request("http://127.0.0.1:9/x")).url()).isEqualTo("http://127.0.0.1:9/x");
        assertThat(fields(local, "http://example.com/x")).containsExactly("url");
    }

    @Test
    void reportsEveryInvalidFieldAtOnce() {
        assertThatThrownBy(() -> production.validate(new CreateWebhookRequest("n", null, "nope", List.of("x.y"), "off", 0, -1, null, null, null)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("url", "events[0]", "status", "timeout_seconds", "max_retries"));
    }

    @Test
    void refusesTheNulCharacterPostgreSqlCannotStore() {
        // found by WebhookApiPropertyTests: a NUL in a name reached the database and failed there with a 500
        tools.jackson.databind.JsonNode filters = com.penguinmails.webhooks.model.Json.mapper().readTree(
                "{\"payload\": {\"campaign_id\": \"a\\u0000b\"}}");
        assertThatThrownBy(() -> production.validate(new CreateWebhookRequest("a\u0000b", "c\u0000d", "https://x.example.com/h",
                List.of("email.opened"), null, null, null, null, filters, null))).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("name", "description", "filters"));
    }

    @Test
    void acceptsCategoryWildcardsAndRefusesUnknownCategories() {
        assertThat(production.validate(new CreateWebhookRequest("Hook", null, "https://x.example.com/h", List.of("email.*", "contact.created"),
                null, null, null, null, null, null)).events()).containsExactly("email.*", "contact.created");
        assertThatThrownBy(() -> production.validate(new CreateWebhookRequest("Hook", null, "https://x.example.com/h", List.of("spam.*"),
                null, null, null, null, null, null))).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("events[0]"));
    }

    @Test
    void namesThePathOfABadFilterOperator() {
        tools.jackson.databind.JsonNode filters = com.penguinmails.webhooks.model.Json.mapper().readTree(
                "{\"payload\": {\"$and\": [{\"campaign_id\": \"c\"}, {\"opened_count\": {\"$near\": 3}}]}}");
        assertThatThrownBy(() -> production.validate(new CreateWebhookRequest("Hook", null, "https://x.example.com/h",
                List.of("email.opened"), null, null, null, null, filters, null))).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("filters.payload.$and[1].opened_count.$near"));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "{\"campain_id\": [\"camp_1\"]}                 | filters.campain_id  | \"campain_id\" is not a field; did you mean \"campaign_ids\"?",
            "{\"contact_tags\": {\"anny\": [\"vip\"]}}         | filters.contact_tags.anny | \"anny\" is not a field; did you mean \"any\"?",
            "{\"zzqx\": 1}                                    | filters.zzqx        | \"zzqx\" is not a field"})
    void namesAnUnknownFilterWithTheNearestKnownOne(String json, String field, String reason) {
        tools.jackson.databind.JsonNode filters = com.penguinmails.webhooks.model.Json.mapper().readTree(json);
        assertThatThrownBy(() -> production.validate(new CreateWebhookRequest("Hook", null, "https://x.example.com/h",
                List.of("email.opened"), null, null, null, null, filters, null))).isInstanceOfSatisfying(ApiException.class,
                e -> assertThat(e.errors()).containsExactly(new FieldError(field, reason)));
    }

    private static CreateWebhookRequest request(String url) {
        return new CreateWebhookRequest("Hook", null, url, List.of("email.opened"), null, null, null, null, null, null);
    }

    private static List<String> fields(WebhookValidator validator, String url) {
        try {
            validator.validate(request(url));
            return List.of();
        } catch (ApiException e) {
            return e.errors().stream().map(FieldError::field).toList();
        }
    }

    private static WebhookValidator validator(boolean allowLoopback) {
        return new WebhookValidator(new ManagementProperties(SecretCipher.generateKey(), allowLoopback, Duration.ofMillis(200),
                new ManagementProperties.Bootstrap(null, "x", null, "standard", null, null), new ManagementProperties.RateLimit(50, 100),
                Duration.ofDays(30), 3, Duration.ofHours(1), new ManagementProperties.Replay(1000, 500, Duration.ofMillis(200)), java.util.List.of(), "webhooks@penguinmails.local"));
    }
}
