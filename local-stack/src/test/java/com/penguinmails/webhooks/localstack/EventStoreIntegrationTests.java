package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.penguinmails.webhooks.management.events.EventPartitions;
import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;

/**
 * The event store, {@code webhook_events}, partitioned by UTC day: events land in their day's partition, a record
 * Kafka delivers twice is one row, an event dated outside every partition still lands (in the default partition), and
 * maintenance rounds at later times add the days ahead and drop whole days older than the retention (30 days).
 * Records produced straight to the event topics use a workspace of their own, which has no webhooks.
 */
class EventStoreIntegrationTests {

    private static final String WORKSPACE = "ws_event_store";
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    @BeforeAll
    static void startUpMaintenanceDone() {
        // the round at start adds today's partition, in the transaction that drops what is old: once today's is
        // there, that round is over and will not drop what these tests set up in the past
        TestStack.get();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        Awaitility.await().atMost(Tour.WAIT.toSeconds(), TimeUnit.SECONDS).until(() -> partitions().contains(partition(today)));
    }

    @Test
    void storesAPublishedEventInThePartitionOfItsDay() throws Exception {
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        String now = Tour.publish(paused("camp_store_today")).getFirst();
        String dated = Tour.publish(Map.of("type", "campaign.paused", "created_at", tomorrow + "T06:00:00+02:00",
                "data", Map.of("campaign_id", "camp_store_tomorrow", "paused_at", "2026-11-24T10:00:00Z"))).getFirst();

        // 06:00 at +02:00 is 04:00 UTC, still tomorrow; an event without created_at is dated when ingest takes it
        awaitStoredIn("ws_demo", dated, partition(tomorrow));
        Awaitility.await().atMost(Tour.WAIT.toSeconds(), TimeUnit.SECONDS).until(() -> partitionOf("ws_demo", now) != null);
        String createdDay = query("select to_char(created_at at time zone 'UTC', 'YYYYMMDD') from webhook_events where id = ?", now).getFirst();
        assertThat(partitionOf("ws_demo", now)).isEqualTo("webhook_events_" + createdDay);
    }

    @Test
    void keepsOneRowForAnEventKafkaDeliversTwice() throws Exception {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        EventEnvelope event = event(at);
        EventEnvelope after = event(at);
        produce(List.of(event, event, after));

        // same key, same partition, read in order: once the later event is stored, so was the repeat
        awaitStoredIn(WORKSPACE, after.id(), partition(at));
        assertThat(query("select count(*) from webhook_events where workspace_id = ? and id = ?", WORKSPACE, event.id()))
                .containsExactly("1");
    }

    @Test
    void storesAnEventDatedOutsideEveryPartitionInTheDefaultPartition() {
        String id = Tour.publish(Map.of("type", "campaign.paused", "created_at", "2199-12-31T23:59:59Z",
                "data", Map.of("campaign_id", "camp_store_far", "paused_at", "2026-11-24T10:00:00Z"))).getFirst();

        awaitStoredIn("ws_demo", id, "webhook_events_default");
    }

    @Test
    void addsTheDaysAheadAndDropsWholeDaysOlderThanTheRetentionAsTimePasses() throws Exception {
        EventPartitions maintenance = TestStack.get().bean("management-api", EventPartitions.class);
        // a stretch of days long past, so that today's partitions are not touched
        Instant start = LocalDate.now(ZoneOffset.UTC).minusDays(200).atTime(12, 0).toInstant(ZoneOffset.UTC);
        LocalDate day0 = LocalDate.ofInstant(start, ZoneOffset.UTC);
        EventEnvelope expiresWithItsDay = event(start);
        EventEnvelope expiresInDefault = event(start.plus(Duration.ofDays(5)));
        EventEnvelope staysWithinRetention = event(start.plus(Duration.ofDays(21)));

        // before any partition of theirs exists, events wait in the default partition
        produce(List.of(expiresInDefault, staysWithinRetention));
        awaitStoredIn(WORKSPACE, expiresInDefault.id(), "webhook_events_default");
        awaitStoredIn(WORKSPACE, staysWithinRetention.id(), "webhook_events_default");

        EventPartitions.Maintenance first = maintenance.maintain(start).block(Tour.WAIT);
        assertThat(first.created()).containsExactly(day0, day0.plusDays(1), day0.plusDays(2), day0.plusDays(3));
        assertThat(first.dropped()).isEmpty();
        produce(List.of(expiresWithItsDay));
        awaitStoredIn(WORKSPACE, expiresWithItsDay.id(), partition(day0));

        // 20 days on: the day of a waiting event gets its partition, and the event moves into it
        EventPartitions.Maintenance second = maintenance.maintain(start.plus(Duration.ofDays(20))).block(Tour.WAIT);
        assertThat(second.created()).containsExactly(day0.plusDays(20), day0.plusDays(21), day0.plusDays(22), day0.plusDays(23));
        assertThat(second.movedFromDefault()).isEqualTo(1);
        assertThat(partitionOf(WORKSPACE, staysWithinRetention.id())).isEqualTo(partition(day0.plusDays(21)));

        // 40 days on: days 0-3 are wholly older than 30 days and go, with their events; days 20-23 stay
        EventPartitions.Maintenance third = maintenance.maintain(start.plus(Duration.ofDays(40))).block(Tour.WAIT);
        assertThat(third.created()).containsExactly(day0.plusDays(40), day0.plusDays(41), day0.plusDays(42), day0.plusDays(43));
        assertThat(third.dropped()).containsExactly(partition(day0), partition(day0.plusDays(1)), partition(day0.plusDays(2)),
                partition(day0.plusDays(3)));
        assertThat(third.deletedFromDefault()).isPositive(); // other tests may have sent events dated that far back
        assertThat(partitions()).doesNotContain(partition(day0), partition(day0.plusDays(3)))
                .contains(partition(day0.plusDays(20)), partition(day0.plusDays(23)), partition(day0.plusDays(43)));
        assertThat(partitionOf(WORKSPACE, expiresWithItsDay.id())).isNull();
        assertThat(partitionOf(WORKSPACE, expiresInDefault.id())).isNull();
        assertThat(partitionOf(WORKSPACE, staysWithinRetention.id())).isEqualTo(partition(day0.plusDays(21)));

        // and a round at the real time clears the stretch, leaving today's partition
        EventPartitions.Maintenance today = maintenance.maintain(Instant.now()).block(Tour.WAIT);
        assertThat(today.dropped()).contains(partition(day0.plusDays(21)), partition(day0.plusDays(43)));
        assertThat(partitions()).contains(partition(LocalDate.now(ZoneOffset.UTC)), "webhook_events_default");
    }

    private static EventEnvelope event(Instant createdAt) {
        return new EventEnvelope("evt_store_" + UUID.randomUUID().toString().replace("-", ""), "campaign.paused", createdAt,
                Json.mapper().valueToTree(Map.of("campaign_id", "camp_store", "paused_at", createdAt.toString())));
    }

    private static Map<String, Object> paused(String campaign) {
        return Map.of("type", "campaign.paused", "data", Map.of("campaign_id", campaign, "paused_at", "2026-11-24T10:00:00Z"));
    }

    private static String partition(LocalDate day) {
        return "webhook_events_" + DAY.format(day);
    }

    private static String partition(Instant at) {
        return partition(LocalDate.ofInstant(at, ZoneOffset.UTC));
    }

    private static void awaitStoredIn(String workspaceId, String eventId, String partition) {
        Awaitility.await().atMost(Tour.WAIT.toSeconds(), TimeUnit.SECONDS).pollInterval(Duration.ofMillis(200))
                .until(() -> partition.equals(partitionOf(workspaceId, eventId)));
    }

    /** The partition holding the event, null when it is not stored. */
    private static String partitionOf(String workspaceId, String eventId) throws SQLException {
        List<String> found = query("select tableoid::regclass::text from webhook_events where workspace_id = ? and id = ?", workspaceId, eventId);
        assertThat(found).hasSizeLessThanOrEqualTo(1);
        return found.isEmpty() ? null : found.getFirst();
    }

    private static List<String> partitions() throws SQLException {
        return query("select c.relname::text from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = 'webhook_events'::regclass");
    }

    private static List<String> query(String sql, String... parameters) throws SQLException {
        try (Connection db = TestStack.database(); PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
            return values;
        }
    }

    /** Produces the events to their topic as ingest does, keyed by workspace, in order. */
    private static void produce(List<EventEnvelope> events) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + TestStack.get().options().kafkaPort()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (EventEnvelope event : events) {
                producer.send(new ProducerRecord<>(Topics.EVENTS_PREFIX + "campaign", WORKSPACE, Json.write(event)));
            }
            producer.flush();
        }
    }
}
