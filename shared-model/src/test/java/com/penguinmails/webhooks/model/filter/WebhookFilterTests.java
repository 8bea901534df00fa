package com.penguinmails.webhooks.model.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;

class WebhookFilterTests {

    private static final EventEnvelope EVENT = event("""
            {"email_id":"msg_1","campaign_id":"camp_a","opened_count":3,"url":"https://shop.example.com/offer?x=1",
             "contact":{"email":"sarah@example.com","tags":["vip","newsletter"]},"location":{"country":"US"},
             "opened_at":"2025-11-25T14:30:00Z","bounce":null}""");

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"campaign_id\": \"camp_a\"}                              | true",
            "{\"campaign_id\": \"camp_b\"}                              | false",
            "{\"contact.tags\": \"vip\"}                                | true",
            "{\"location.country\": {\"$eq\": \"US\"}}                  | true",
            "{\"location.country\": {\"$ne\": \"US\"}}                  | false",
            "{\"opened_count\": {\"$gt\": 2}}                           | true",
            "{\"opened_count\": {\"$gt\": 3}}                           | false",
            "{\"opened_count\": {\"$gte\": 3, \"$lte\": 3}}             | true",
            "{\"opened_count\": {\"$lt\": 3}}                           | false",
            "{\"opened_at\": {\"$gte\": \"2025-11-25T00:00:00Z\"}}      | true",
            "{\"opened_count\": {\"$gt\": \"3\"}}                       | false",
            "{\"campaign_id\": {\"$in\": [\"camp_x\", \"camp_a\"]}}     | true",
            "{\"contact.tags\": {\"$in\": [\"premium\", \"vip\"]}}      | true",
            "{\"campaign_id\": {\"$nin\": [\"camp_a\"]}}                | false",
            "{\"contact.email\": {\"$exists\": true}}                   | true",
            "{\"contact.phone\": {\"$exists\": false}}                  | true",
            "{\"bounce\": {\"$exists\": true}}                          | false",
            "{\"url\": {\"$regex\": \"^https://shop\\\\.example\\\\.com/\"}} | true",
            "{\"url\": {\"$regex\": \"checkout\"}}                      | false",
            "{\"$or\": [{\"campaign_id\": \"camp_z\"}, {\"opened_count\": 3}]} | true",
            "{\"$and\": [{\"campaign_id\": \"camp_a\"}, {\"opened_count\": 4}]} | false",
            "{\"missing.deep.path\": \"x\"}                             | false"})
    void evaluatesEveryOperator(String condition, boolean expected) {
        JsonNode filters = Json.mapper().readTree("{\"payload\": " + condition + "}");
        assertThat(WebhookFilter.parse(filters).matches("ws_1", EVENT)).isEqualTo(expected);
    }

    @Test
    void combinesWorkspaceCampaignAndTagFilters() {
        assertThat(parse("{\"workspaces\": [\"ws_1\"]}").matches("ws_1", EVENT)).isTrue();
        assertThat(parse("{\"workspaces\": [\"ws_2\"]}").matches("ws_1", EVENT)).isFalse();
        assertThat(parse("{\"campaign_ids\": [\"camp_a\", \"camp_b\"]}").matches("ws_1", EVENT)).isTrue();
        assertThat(parse("{\"campaign_ids\": [\"camp_b\"]}").matches("ws_1", EVENT)).isFalse();
        assertThat(parse("{\"contact_tags\": {\"any\": [\"premium\", \"vip\"]}}").matches("ws_1", EVENT)).isTrue();
        assertThat(parse("{\"contact_tags\": {\"all\": [\"premium\", \"vip\"]}}").matches("ws_1", EVENT)).isFalse();
        assertThat(parse("{\"contact_tags\": {\"all\": [\"newsletter\", \"vip\"]}}").matches("ws_1", EVENT)).isTrue();
        assertThat(parse("{\"campaign_ids\": [\"camp_a\"], \"contact_tags\": {\"any\": [\"nope\"]}}").matches("ws_1", EVENT)).isFalse();
        assertThat(WebhookFilter.parse(null).matches("ws_9", EVENT)).isTrue();
        assertThat(parse("{}")).isSameAs(WebhookFilter.NONE);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"payload\": {\"n\": {\"$near\": 1}}}                     | filters.payload.n.$near",
            "{\"payload\": {\"$and\": [{\"a\": 1}, {\"b\": {\"$in\": 2}}]}} | filters.payload.$and[1].b.$in",
            "{\"payload\": {\"$or\": []}}                               | filters.payload.$or",
            "{\"payload\": {\"u\": {\"$regex\": \"(\"}}}                | filters.payload.u.$regex",
            "{\"payload\": {\"u\": {\"$exists\": \"yes\"}}}             | filters.payload.u.$exists",
            "{\"payload\": {\"u\": {\"$gt\": [1]}}}                     | filters.payload.u.$gt",
            "{\"payload\": {\"$where\": \"1\"}}                         | filters.payload.$where",
            "{\"payload\": [1]}                                         | filters.payload",
            "{\"campaign_ids\": []}                                     | filters.campaign_ids",
            "{\"contact_tags\": {\"some\": [\"a\"]}}                    | filters.contact_tags.some",
            "{\"contact_tags\": {\"any\": [\"a\"], \"all\": [\"b\"]}}    | filters.contact_tags",
            "{\"colour\": \"red\"}                                      | filters.colour"})
    void refusesBadFiltersNamingThePath(String filters, String path) {
        assertThatThrownBy(() -> parse(filters)).isInstanceOfSatisfying(FilterSyntaxException.class,
                e -> assertThat(e.path()).isEqualTo(path));
    }

    @ParameterizedTest(name = "{0} -> {1} of {2}")
    @CsvSource(delimiter = '|', value = {
            "{\"campain_ids\": [\"camp_1\"]}                  | campain_ids | workspaces, campaign_ids, contact_tags, payload",
            "{\"contact_tags\": {\"any\": [\"a\"], \"anny\": [\"b\"]}} | anny        | any, all"})
    void namesAnUnknownNameAndTheNamesKnownInItsPlace(String filters, String name, String known) {
        assertThatThrownBy(() -> parse(filters)).isInstanceOfSatisfying(FilterSyntaxException.class, e -> {
            assertThat(e.path()).endsWith("." + name);
            assertThat(e.unknownName()).hasValue(new FilterSyntaxException.UnknownName(name, List.of(known.split(", "))));
        });
    }

    @Test
    void saysNothingOfNamesWhenAKnownFilterIsWronglyShaped() {
        assertThatThrownBy(() -> parse("{\"campaign_ids\": \"camp_1\"}")).isInstanceOfSatisfying(FilterSyntaxException.class,
                e -> assertThat(e.unknownName()).isEmpty());
    }

    @Property(tries = 500)
    void anyJsonEitherCompilesOrIsRefusedWithAPathAndNeverBreaksEvaluation(@ForAll("jsonConditions") String condition) {
        JsonNode filters;
        try {
            filters = Json.mapper().readTree("{\"payload\": " + condition + "}");
        } catch (RuntimeException notJson) {
            return;
        }
        try {
            WebhookFilter filter = WebhookFilter.parse(filters);
            filter.matches("ws_1", EVENT);
        } catch (FilterSyntaxException e) {
            assertThat(e.path()).startsWith("filters");
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> jsonConditions() {
        Arbitrary<String> keys = Arbitraries.of("\"campaign_id\"", "\"opened_count\"", "\"contact.tags\"", "\"$and\"", "\"$or\"",
                "\"$eq\"", "\"$gt\"", "\"$in\"", "\"$regex\"", "\"$exists\"", "\"$foo\"", "\"\"");
        Arbitrary<String> values = Arbitraries.of("1", "\"camp_a\"", "true", "null", "[]", "[1,\"a\"]", "{}", "\"[\"", "3.5");
        Arbitrary<String> leaf = net.jqwik.api.Combinators.combine(keys, values).as((k, v) -> "{" + k + ": " + v + "}");
        return leaf.list().ofMinSize(1).ofMaxSize(3).flatMap(parts -> Arbitraries.of(
                "{\"$and\": [" + String.join(",", parts) + "]}",
                "{\"$or\": [" + String.join(",", parts) + "]}",
                parts.getFirst(),
                "{\"opened_count\": " + parts.getFirst() + "}"));
    }

    /** Filters on the contact, each of which a marketing event with a VIP contact passes. */
    private static final List<String> CONTACT_FILTERS = List.of(
            "{\"contact_tags\": {\"any\": [\"vip\"]}}",
            "{\"contact_tags\": {\"all\": [\"vip\"]}}",
            "{\"payload\": {\"contact.email\": \"recipient@example.com\"}}",
            "{\"payload\": {\"contact.email\": {\"$regex\": \"@example\\\\.com$\"}}}",
            "{\"payload\": {\"contact.email\": {\"$in\": [\"recipient@example.com\"]}}}",
            "{\"payload\": {\"contact.email\": {\"$gte\": \"a\"}}}",
            "{\"payload\": {\"contact.tags\": \"vip\"}}",
            "{\"payload\": {\"contact.tags\": {\"$in\": [\"vip\", \"premium\"]}}}",
            "{\"payload\": {\"contact\": {\"$exists\": true}}}",
            "{\"payload\": {\"contact.email\": {\"$exists\": true}}}");

    @Test
    void aContactFilterDoesNotMatchATransactionalEventAndDoesNotFail() {
        EventEnvelope vip = event("""
                {"email_id":"msg_1","contact":{"email":"recipient@example.com","tags":["vip"]}}""");
        for (EventType type : EventType.values()) {
            type.transactionalExampleJson().ifPresent(json -> {
                EventEnvelope transactional = Json.read(json, EventEnvelope.class);
                for (String filter : CONTACT_FILTERS) {
                    assertThat(parse(filter).matches("ws_1", vip)).as("%s on a marketing event", filter).isTrue();
                    assertThat(parse(filter).matches("ws_1", transactional)).as("%s on %s", filter, type).isFalse();
                }
                // asking for the transactional shape selects it; so do negations, which an absent field satisfies
                assertThat(parse("{\"payload\": {\"contact\": {\"$exists\": false}}}").matches("ws_1", transactional)).isTrue();
                assertThat(parse("{\"payload\": {\"contact.email\": {\"$ne\": \"recipient@example.com\"}}}").matches("ws_1", transactional)).isTrue();
                assertThat(parse("{\"payload\": {\"contact.email\": {\"$nin\": [\"recipient@example.com\"]}}}").matches("ws_1", transactional)).isTrue();
                assertThat(parse("{\"payload\": {\"contact.email\": null}}").matches("ws_1", transactional)).isTrue();
                assertThat(parse("{\"payload\": {\"to\": {\"$exists\": true}}}").matches("ws_1", transactional)).isTrue();
                assertThat(parse("{\"payload\": {\"contact\": {\"$exists\": false}}}").matches("ws_1", vip)).isFalse();
            });
        }
    }

    @Test
    void contactTagsLookAtDataTagsOnlyForAContactEventOrAnEventWithAContact() {
        // a transactional e-mail event may carry tags of its own (the message's); they are not a contact's
        WebhookFilter vip = parse("{\"contact_tags\": {\"any\": [\"vip\"]}}");
        assertThat(vip.matches("ws_1", event("email.delivered", """
                {"email_id":"msg_1","to":"recipient@example.com","tags":["vip"]}"""))).isFalse();
        // a contact event's data is the contact (spec 002 contact.created: tags at the top)
        assertThat(vip.matches("ws_1", event("contact.created", """
                {"contact_id":"cont_1","email":"new@example.com","tags":["vip"]}"""))).isTrue();
        // an e-mail event with a contact whose tags sit beside it, as before
        assertThat(vip.matches("ws_1", event("email.opened", """
                {"email_id":"msg_1","contact":{"email":"u@example.com"},"tags":["vip"]}"""))).isTrue();
    }

    @Property(tries = 500)
    void contactFiltersNeverFailAndMatchNoEventWithoutAContactObject(@ForAll("contactFilters") String filter,
                                                                     @ForAll("dataWithoutAContactObject") String data,
                                                                     @ForAll("emailTypes") String type) {
        WebhookFilter compiled = parse(filter);
        JsonNode contact = Json.mapper().readTree(data).get("contact");
        // a contact that is there but no object exists, and only the bare existence test says so
        boolean expected = contact != null && !contact.isNull() && filter.equals("{\"payload\": {\"contact\": {\"$exists\": true}}}");
        assertThat(compiled.matches("ws_1", event(type, data))).as("%s on %s", filter, data).isEqualTo(expected);
    }

    @Provide
    Arbitrary<String> contactFilters() {
        return Arbitraries.of(CONTACT_FILTERS);
    }

    @Provide
    Arbitrary<String> emailTypes() {
        return Arbitraries.of(EventType.values()).filter(type -> type.category() == com.penguinmails.webhooks.model.EventCategory.EMAIL)
                .map(EventType::typeName);
    }

    /** E-mail data whose {@code contact} is missing or not an object, with stray tags and addresses elsewhere. */
    @Provide
    Arbitrary<String> dataWithoutAContactObject() {
        Arbitrary<String> contact = Arbitraries.of("", ",\"contact\":null", ",\"contact\":\"recipient@example.com\"", ",\"contact\":42",
                ",\"contact\":[{\"email\":\"recipient@example.com\",\"tags\":[\"vip\"]}]", ",\"contact\":true");
        Arbitrary<String> extra = Arbitraries.of("", ",\"tags\":[\"vip\"]", ",\"to\":\"recipient@example.com\"", ",\"email\":\"recipient@example.com\"",
                ",\"contact.email\":\"recipient@example.com\"", ",\"tags\":\"vip\"", ",\"from\":\"sender@yourdomain.com\",\"subject\":\"Hello\"");
        return net.jqwik.api.Combinators.combine(contact, extra, extra).as((c, a, b) -> "{\"email_id\":\"msg_1\"" + c + a + b + "}");
    }

    private static WebhookFilter parse(String json) {
        return WebhookFilter.parse(Json.mapper().readTree(json));
    }

    private static EventEnvelope event(String data) {
        return event("email.opened", data);
    }

    private static EventEnvelope event(String type, String data) {
        return new EventEnvelope("evt_1", type, Instant.EPOCH, Json.mapper().readTree(data));
    }
}
