package com.penguinmails.webhooks.model.filter;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.penguinmails.webhooks.model.EventCategory;
import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.EventType;
import tools.jackson.databind.JsonNode;

/**
 * A webhook's optional filters beyond event types (spec 001 "Event Filtering", spec 004 create form), all of which
 * must hold:
 * <pre>
 * {"workspaces": ["ws_..."],              the event's workspace is one of these
 *  "campaign_ids": ["camp_..."],          data.campaign_id is one of these
 *  "contact_tags": {"any": ["vip"]}       the contact's tags hold any / all of these (none without a contact)
 *  "payload": {"data.path": {"$gte": 3}}} a {@link PayloadCondition} on the envelope's data
 * </pre>
 * Compiled once per webhook; {@link #parse} throws {@link FilterSyntaxException} with the path of the first bad part.
 */
public final class WebhookFilter {

    private static final String CONTACT_EVENT = EventCategory.CONTACT.label() + ".*";

    /** The filters one may give, the names of the filters object. */
    static final List<String> FIELDS = List.of("workspaces", "campaign_ids", "contact_tags", "payload");

    /** How {@code contact_tags} matches: the one name of its object. */
    static final List<String> TAG_MATCHES = List.of("any", "all");

    /** The filter that lets everything through. */
    public static final WebhookFilter NONE = new WebhookFilter(null, null, null, false, null);

    private final Set<String> workspaces;
    private final Set<String> campaignIds;
    private final Set<String> tags;
    private final boolean allTags;
    private final PayloadCondition payload;

    private WebhookFilter(Set<String> workspaces, Set<String> campaignIds, Set<String> tags, boolean allTags,
                          PayloadCondition payload) {
        this.workspaces = workspaces;
        this.campaignIds = campaignIds;
        this.tags = tags;
        this.allTags = allTags;
        this.payload = payload;
    }

    /** Compiles a filter; null or an empty object is {@link #NONE}. Paths in errors start at {@code filters}. */
    public static WebhookFilter parse(JsonNode filters) {
        if (filters == null || filters.isNull() || filters.isMissingNode() || (filters.isObject() && filters.isEmpty())) {
            return NONE;
        }
        if (!filters.isObject()) {
            throw new FilterSyntaxException("filters", "filters must be a JSON object");
        }
        for (String name : filters.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw FilterSyntaxException.unknownName("filters." + name, name, FIELDS,
                        "unknown filter; use workspaces, campaign_ids, contact_tags or payload");
            }
        }
        Set<String> tags = null;
        boolean allTags = false;
        JsonNode tagSpec = filters.get("contact_tags");
        if (tagSpec != null && !tagSpec.isNull()) {
            String tagsReason = "contact_tags takes {\"any\": [...]} or {\"all\": [...]}";
            for (String name : tagSpec.isObject() ? tagSpec.propertyNames() : List.<String>of()) {
                if (!TAG_MATCHES.contains(name)) {
                    throw FilterSyntaxException.unknownName("filters.contact_tags." + name, name, TAG_MATCHES, tagsReason);
                }
            }
            if (!tagSpec.isObject() || tagSpec.size() != 1) {
                throw new FilterSyntaxException("filters.contact_tags", tagsReason);
            }
            allTags = tagSpec.has("all");
            tags = strings(tagSpec.get(allTags ? "all" : "any"), "filters.contact_tags." + (allTags ? "all" : "any"));
        }
        JsonNode payloadSpec = filters.get("payload");
        PayloadCondition payload = payloadSpec == null || payloadSpec.isNull() ? null
                : PayloadCondition.compile(payloadSpec, "filters.payload");
        return new WebhookFilter(strings(filters.get("workspaces"), "filters.workspaces"),
                strings(filters.get("campaign_ids"), "filters.campaign_ids"), tags, allTags, payload);
    }

    /** Whether an event of the workspace passes every filter. */
    public boolean matches(String workspaceId, EventEnvelope event) {
        if (workspaces != null && !workspaces.contains(workspaceId)) {
            return false;
        }
        JsonNode data = event.data();
        if (campaignIds != null) {
            JsonNode campaign = data == null ? null : data.get("campaign_id");
            if (campaign == null || !campaign.isString() || !campaignIds.contains(campaign.asString())) {
                return false;
            }
        }
        if (tags != null && !tagsMatch(event)) {
            return false;
        }
        return payload == null || payload.test(data);
    }

    /**
     * The contact's tags: {@code data.contact.tags} (or {@code data.tags} beside the contact, as ever), or a contact
     * event's own {@code data.tags}. An e-mail event without a contact (spec 003's transactional shape, which names
     * the recipient in {@code to}) has no contact tags: its {@code data.tags}, if any, are the message's.
     */
    private boolean tagsMatch(EventEnvelope event) {
        JsonNode data = event.data();
        if (data == null || !data.isObject()) {
            return false;
        }
        JsonNode contact = data.get("contact");
        boolean hasContact = contact != null && contact.isObject();
        if (!hasContact && !CONTACT_EVENT.equals(EventType.wildcardOf(event.type()))) {
            return false;
        }
        JsonNode list = hasContact ? contact.get("tags") : null;
        if (list == null || !list.isArray()) {
            list = data.get("tags");
        }
        if (list == null || !list.isArray()) {
            return false;
        }
        Set<String> present = new HashSet<>();
        list.valueStream().filter(JsonNode::isString).forEach(tag -> present.add(tag.asString()));
        return allTags ? present.containsAll(tags) : tags.stream().anyMatch(present::contains);
    }

    private static Set<String> strings(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray() || node.isEmpty() || !node.valueStream().allMatch(JsonNode::isString)) {
            throw new FilterSyntaxException(path, "must be a non-empty array of strings");
        }
        Set<String> values = new HashSet<>();
        node.valueStream().forEach(value -> values.add(value.asString()));
        return Set.copyOf(values);
    }
}
