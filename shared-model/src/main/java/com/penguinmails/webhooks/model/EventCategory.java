package com.penguinmails.webhooks.model;

/** The group an event type belongs to; each category has its own Kafka topic. */
public enum EventCategory {
    EMAIL("email"),
    CAMPAIGN("campaign"),
    CONTACT("contact"),
    SYSTEM("system");

    private final String label;

    EventCategory(String label) {
        this.label = label;
    }

    /** The lower-case name used in topic names and the API. */
    public String label() {
        return label;
    }

    /** The topic events of this category are published to. */
    public String topic() {
        return Topics.EVENTS_PREFIX + label;
    }
}
