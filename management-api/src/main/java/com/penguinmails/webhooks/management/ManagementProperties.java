package com.penguinmails.webhooks.management;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of management-api.
 *
 * @param secretEncryptionKey      base64 of the 32-byte AES key webhook secrets are encrypted with (shared with the
 *                                 dispatcher)
 * @param allowLoopbackUrls        whether webhook URLs may point at localhost over plain HTTP (the local stack only)
 * @param outboxInterval           how often the config outbox is drained to Kafka
 * @param bootstrap                a workspace and admin key to ensure at start-up, for a first login or the local stack
 * @param rateLimit                how many API requests each key may make
 * @param eventRetention           how long the event store keeps an event; days wholly older are dropped
 * @param eventPartitionsAhead     how many days after today get their event store partition in advance
 * @param eventMaintenanceInterval how often the event store's partitions are added and dropped (and once at start)
 * @param replay                   how replay jobs read the event store and queue deliveries
 * @param sourceIpRanges           the address ranges (CIDR) deliveries leave from, which the dashboard shows for
 *                                 receivers' firewalls; empty when this deployment has no fixed ones
 * @param mailFrom                 the sender of the e-mails to workspace admins (health: failing, paused), an address
 *                                 such as {@code webhooks@example.com} or {@code PenguinMails <webhooks@example.com>}
 */
@ConfigurationProperties("penguin.management")
public record ManagementProperties(
        String secretEncryptionKey,
        @DefaultValue("false") boolean allowLoopbackUrls,
        @DefaultValue("200ms") Duration outboxInterval,
        @DefaultValue Bootstrap bootstrap,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue("30d") Duration eventRetention,
        @DefaultValue("3") int eventPartitionsAhead,
        @DefaultValue("1h") Duration eventMaintenanceInterval,
        @DefaultValue Replay replay,
        @DefaultValue List<String> sourceIpRanges,
        @DefaultValue("webhooks@penguinmails.local") String mailFrom) {

    public ManagementProperties {
        if (secretEncryptionKey == null || secretEncryptionKey.isBlank()) {
            throw new IllegalArgumentException("penguin.management.secret-encryption-key is required (base64 of 32 bytes, the same as the dispatcher's)");
        }
        if (eventRetention.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("penguin.management.event-retention must be at least 1d (the store drops whole days)");
        }
        if (eventPartitionsAhead < 1) {
            throw new IllegalArgumentException("penguin.management.event-partitions-ahead must be at least 1, so tomorrow's partition exists before midnight");
        }
        if (!eventMaintenanceInterval.isPositive()) {
            throw new IllegalArgumentException("penguin.management.event-maintenance-interval must be positive");
        }
        sourceIpRanges = List.copyOf(sourceIpRanges);
        sourceIpRanges.forEach(ManagementProperties::requireCidr);
        requireAddress(mailFrom);
    }

    /** Refuses a sender that is not one e-mail address (RFC 822, as JavaMail reads a From), optionally with a name. */
    static void requireAddress(String from) {
        try {
            InternetAddress[] parsed = from == null ? new InternetAddress[0] : InternetAddress.parse(from, true);
            if (parsed.length == 1 && parsed[0].getAddress().contains("@")) {
                return;
            }
        } catch (AddressException e) {
            // said below
        }
        throw new IllegalArgumentException("penguin.management.mail-from: '" + from
                + "' is not one e-mail address, such as webhooks@example.com or PenguinMails <webhooks@example.com>");
    }

    /** Refuses a source range that is not an IPv4 or IPv6 address with a prefix length, such as 203.0.113.0/24. */
    static void requireCidr(String range) {
        String[] parts = range.trim().split("/", -1);
        try {
            InetAddress address = InetAddress.ofLiteral(parts[0]);
            int bits = address.getAddress().length * 8;
            if (parts.length == 2 && Integer.parseInt(parts[1]) >= 0 && Integer.parseInt(parts[1]) <= bits) {
                return;
            }
        } catch (IllegalArgumentException e) {
            // said below
        }
        throw new IllegalArgumentException("penguin.management.source-ip-ranges: '" + range
                + "' is not a range in CIDR notation, such as 203.0.113.0/24");
    }

    /**
     * Replay jobs: each reads its events in batches and queues them to the dispatcher's replay lane, no faster than
     * its pace, so that a large replay does not crowd out live traffic.
     *
     * @param eventsPerSecond the pace of a replay that asks for none, and the fastest one may ask for (events read from
     *                        the store per second, per job)
     * @param batchSize       the most events one batch reads and queues, in one transaction
     * @param pollInterval    how often each instance looks for a job whose next batch is due
     */
    public record Replay(@DefaultValue("1000") int eventsPerSecond, @DefaultValue("500") int batchSize,
                         @DefaultValue("200ms") Duration pollInterval) {

        public Replay {
            if (eventsPerSecond < 1 || batchSize < 1) {
                throw new IllegalArgumentException("penguin.management.replay.events-per-second and .batch-size must be at least 1");
            }
            if (!pollInterval.isPositive()) {
                throw new IllegalArgumentException("penguin.management.replay.poll-interval must be positive");
            }
        }
    }

    /**
     * Each API key's request rate, a token bucket per key and instance; a key's own {@code rate_limit_per_second}
     * overrides it (with bursts of one second's worth).
     *
     * @param perSecond requests per second, sustained
     * @param burst     requests that may come at once after a quiet spell
     */
    public record RateLimit(@DefaultValue("50") int perSecond, @DefaultValue("100") int burst) {

        public RateLimit {
            if (perSecond < 1 || burst < 1) {
                throw new IllegalArgumentException("penguin.management.rate-limit.per-second and .burst must be at least 1");
            }
        }
    }

    /**
     * @param workspaceId   the workspace to ensure; nothing is created when blank
     * @param workspaceName its display name
     * @param apiKey        an admin API key to ensure for it (stored hashed)
     * @param plan          its plan when it is created, which sets its delivery rate limit
     * @param adminEmail    an admin user to ensure for it, who gets the workspace's health e-mails
     * @param adminPassword the admin's dashboard password, set (hashed) only while they have none
     */
    public record Bootstrap(String workspaceId, @DefaultValue("Demo workspace") String workspaceName, String apiKey,
                            @DefaultValue("standard") String plan, String adminEmail, String adminPassword) {

        /** Never print the password with the settings. */
        @Override
        public String toString() {
            return "Bootstrap[" + workspaceId + ", " + workspaceName + ", " + plan + ", " + adminEmail + "]";
        }
    }
}
