package com.penguinmails.webhooks.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The event catalog: every type a webhook can subscribe to, with its category, a one-line description and an
 * example payload (the envelope of spec 002, stored as a resource beside this class). The e-mail types of spec 003
 * come in two shapes, both valid: marketing (spec 002, the recipient in {@code contact}) and transactional (spec 003,
 * the recipient in {@code to}, with {@code from} and {@code subject}); those have a transactional example too.
 */
public enum EventType {
    EMAIL_SENT("email.sent", EventCategory.EMAIL, "Email queued for sending"),
    EMAIL_SENDING("email.sending", EventCategory.EMAIL, "Email being sent (transactional sends)"),
    EMAIL_DELIVERED("email.delivered", EventCategory.EMAIL, "Email successfully delivered"),
    EMAIL_OPENED("email.opened", EventCategory.EMAIL, "Email opened by recipient"),
    EMAIL_CLICKED("email.clicked", EventCategory.EMAIL, "Link clicked in email"),
    EMAIL_BOUNCED("email.bounced", EventCategory.EMAIL, "Email bounced (hard or soft)"),
    EMAIL_SPAM_REPORTED("email.spam_reported", EventCategory.EMAIL, "Marked as spam"),
    EMAIL_UNSUBSCRIBED("email.unsubscribed", EventCategory.EMAIL, "Recipient unsubscribed"),
    CAMPAIGN_LAUNCHED("campaign.launched", EventCategory.CAMPAIGN, "Campaign started sending"),
    CAMPAIGN_COMPLETED("campaign.completed", EventCategory.CAMPAIGN, "Campaign finished sending"),
    CAMPAIGN_PAUSED("campaign.paused", EventCategory.CAMPAIGN, "Campaign paused by user"),
    CONTACT_CREATED("contact.created", EventCategory.CONTACT, "New contact added"),
    CONTACT_UPDATED("contact.updated", EventCategory.CONTACT, "Contact information updated"),
    CONTACT_UNSUBSCRIBED("contact.unsubscribed", EventCategory.CONTACT, "Contact unsubscribed from all emails"),
    WEBHOOK_FAILING("webhook.failing", EventCategory.SYSTEM, "A webhook failed 5 attempts in a row"),
    WEBHOOK_DISABLED("webhook.disabled", EventCategory.SYSTEM, "A webhook was paused after 100 consecutive failures");

    private static final Map<String, EventType> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::typeName, Function.identity()));

    private static final Map<EventType, String> V1_NAMES = Map.of(
            EMAIL_SENT, "queued", EMAIL_SENDING, "sending", EMAIL_DELIVERED, "delivered", EMAIL_BOUNCED, "bounced",
            EMAIL_SPAM_REPORTED, "complained", EMAIL_OPENED, "opened", EMAIL_CLICKED, "clicked");

    private final String typeName;
    private final EventCategory category;
    private final String description;

    EventType(String typeName, EventCategory category, String description) {
        this.typeName = typeName;
        this.category = category;
        this.description = description;
    }

    /** The wire name, e.g. {@code email.opened}. */
    public String typeName() {
        return typeName;
    }

    public EventCategory category() {
        return category;
    }

    public String description() {
        return description;
    }

    /** The example envelope of spec 002 for this type, as JSON text. */
    public String exampleJson() {
        return readResource("examples");
    }

    /**
     * The example envelope of spec 003's transactional shape, for the types spec 003 names ({@link #v1Name()});
     * empty for the others. Its {@code data} is what a producer sends and every webhook receives; a {@code /v1}
     * webhook sees the short name as {@code type}.
     */
    public Optional<String> transactionalExampleJson() {
        return v1Name().map(shortName -> readResource("examples/transactional"));
    }

    /** The JSON Schema (draft 2020-12) of this type's {@code data} object, as JSON text. */
    public String schemaJson() {
        return readResource("schemas");
    }

    private String readResource(String folder) {
        String resource = folder + "/" + typeName + ".json";
        try (InputStream in = EventType.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Looks a type up by its wire name. */
    public static Optional<EventType> fromName(String name) {
        return Optional.ofNullable(name).map(BY_NAME::get);
    }

    /**
     * Whether the text names event types a webhook can subscribe to: a catalog name, or a category wildcard such as
     * {@code email.*}.
     */
    public static boolean isSubscribable(String name) {
        if (name == null) {
            return false;
        }
        if (name.endsWith(".*")) {
            String category = name.substring(0, name.length() - 2);
            return Arrays.stream(EventCategory.values()).anyMatch(c -> c.label().equals(category));
        }
        return BY_NAME.containsKey(name);
    }

    /**
     * The wildcard that covers a type, e.g. {@code email.*} for {@code email.opened} and {@code system.*} for
     * {@code webhook.failing} (a category is not always the type's prefix); null for an unknown type.
     */
    public static String wildcardOf(String typeName) {
        EventType type = typeName == null ? null : BY_NAME.get(typeName);
        return type == null ? null : type.category().label() + ".*";
    }

    /**
     * The short name a webhook created through the compact {@code /v1} API (spec 003) sees in the payload's
     * {@code type}: {@code queued}, {@code sending}, {@code delivered}, {@code bounced}, {@code complained},
     * {@code opened}, {@code clicked}; empty for the types spec 003 does not name.
     */
    public Optional<String> v1Name() {
        return Optional.ofNullable(V1_NAMES.get(this));
    }

    /** The catalog type of a {@code /v1} short name, e.g. {@code complained} → {@code email.spam_reported}. */
    public static Optional<EventType> fromV1Name(String shortName) {
        return V1_NAMES.entrySet().stream().filter(entry -> entry.getValue().equals(shortName)).map(Map.Entry::getKey).findFirst();
    }

    /**
     * Whether a list of subscriptions covers a type: the type itself, or its category's wildcard. False for an unknown
     * type or a null list.
     */
    public static boolean isCoveredBy(Collection<String> typesOrWildcards, String typeName) {
        if (typesOrWildcards == null || typeName == null) {
            return false;
        }
        String wildcard = wildcardOf(typeName);
        return typesOrWildcards.contains(typeName) || (wildcard != null && typesOrWildcards.contains(wildcard));
    }

    /** The catalog names a list of types and wildcards covers ({@code email.*} is every email type), in catalog order; all for null. */
    public static List<String> namesCoveredBy(Collection<String> typesOrWildcards) {
        return names().stream().filter(name -> typesOrWildcards == null || isCoveredBy(typesOrWildcards, name)).toList();
    }

    /** All wire names, in catalog order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(EventType::typeName).toList();
    }
}
