package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.penguinmails.webhooks.model.AttemptOutcome;
import com.penguinmails.webhooks.model.AttemptRecord;
import com.penguinmails.webhooks.model.DeliveryTask;
import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Headers;
import com.penguinmails.webhooks.model.Ids;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.TestSendRequest;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.WorkspaceDeliveryState;
import com.penguinmails.webhooks.model.schedule.DelayTiers;
import com.penguinmails.webhooks.model.schedule.EpochMillisHeader;
import tools.jackson.databind.JsonNode;

/**
 * Poison records on every topic a service consumes (issue #12): garbage bytes and a record of another schema
 * (version), each followed on the same partition by a valid record. The bad ones are parked with their reason, code,
 * consumer and source in headers ({@code webhooks.poison}; ingest's inbound topic: {@code webhooks.ingest.rejected}),
 * and the valid one behind them is still processed: the partition never stops.
 */
class PoisonRecordIntegrationTests {

    private static final String WORKSPACE = LocalStackOptions.DEMO_WORKSPACE_ID;
    private static final Duration WAIT = Duration.ofSeconds(45);

    private static KafkaProducer<String, byte[]> producer;
    private static KafkaConsumer<String, byte[]> parked;
    private static final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
    private static TestReceiver receiver;
    private static String webhookId;

    @BeforeAll
    static void connect() throws Exception {
        String bootstrap = TestStack.get().kafkaBootstrapServers();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
        parked = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "poison-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
        parked.subscribe(List.of(Topics.POISON, Topics.INGEST_REJECTED));
        receiver = TestReceiver.start();
        webhookId = Tour.createWebhook(Map.of("name", "Poison", "url", receiver.url("/poison"), "events", List.of("email.opened")))
                .get("id").asString();
    }

    @AfterAll
    static void close() {
        producer.close();
        parked.close();
        receiver.close();
    }

    @Test
    void eventTopicsParkPoisonForTheDispatcherAndTheEventStoreAndDeliverWhatIsBehind() throws Exception {
        String topic = Topics.eventTopics().getFirst();
        Header type = new RecordHeader(Headers.KAFKA_EVENT_TYPE, "email.opened".getBytes(StandardCharsets.UTF_8));
        byte[] garbage = garbage();
        byte[] otherSchema = ("{\"schema_version\":2,\"event\":{\"kind\":\"email.opened\",\"n\":\"" + UUID.randomUUID() + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        long garbageAt = produce(topic, WORKSPACE, garbage, type);
        long otherAt = produce(topic, WORKSPACE, otherSchema, type);
        EventEnvelope valid = event();
        produce(topic, WORKSPACE, Json.write(valid), type);

        awaitReceived(valid.id());
        for (String consumer : List.of("dispatcher/dispatcher-events", "management-api/management-events")) {
            assertParked(topic, garbageAt, consumer, "undecodable");
            assertParked(topic, otherAt, consumer, "wrong_schema");
        }
        Awaitility.await("the valid event in the event store").atMost(WAIT.toSeconds(), TimeUnit.SECONDS)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> TestStack.api().get().uri("/api/v1/platform/events/{id}", valid.id()).exchange()
                        .returnResult(byte[].class).getStatus().value() == 200);
    }

    @Test
    void dueAndReplayTopicsParkPoisonAndDeliverWhatIsBehind() throws Exception {
        for (String topic : List.of(Topics.DELIVERIES_DUE, Topics.DELIVERIES_REPLAY)) {
            String listener = topic.equals(Topics.DELIVERIES_DUE) ? "dispatcher/dispatcher-due" : "dispatcher/dispatcher-replay";
            long garbageAt = produce(topic, webhookId, garbage());
            long otherAt = produce(topic, webhookId, otherSchema());
            DeliveryTask task = task();
            produce(topic, webhookId, Json.write(task));
            awaitReceived(task.event().id());
            assertParked(topic, garbageAt, listener, "undecodable");
            assertParked(topic, otherAt, listener, "wrong_schema");
        }
    }

    /** The scheduler passes an unreadable delay-topic record on at once; the dispatcher's due listener parks it. */
    @Test
    void delayTopicPoisonEndsParkedAndTheRetryBehindItIsDelivered() throws Exception {
        String tier = DelayTiers.defaults().topics().getFirst();
        byte[] garbage = garbage();
        produce(tier, webhookId, garbage);
        DeliveryTask task = task();
        produce(tier, webhookId, Json.write(task), new RecordHeader(Headers.KAFKA_DUE_AT, EpochMillisHeader.encode(task.dueAt())));
        awaitReceived(task.event().id());
        ConsumerRecord<String, byte[]> poison = awaitParked(r -> java.util.Arrays.equals(r.value(), garbage));
        assertThat(header(poison, Headers.KAFKA_SOURCE_TOPIC)).isEqualTo(Topics.DELIVERIES_DUE);
        assertThat(header(poison, Headers.KAFKA_REJECT_CODE)).isEqualTo("undecodable");
    }

    @Test
    void testSendTopicParksPoisonAndSendsTheTestBehindIt() throws Exception {
        long garbageAt = produce(Topics.TESTS, webhookId, garbage());
        long otherAt = produce(Topics.TESTS, webhookId, otherSchema());
        EventEnvelope event = event();
        produce(Topics.TESTS, webhookId, Json.write(new TestSendRequest("req_" + UUID.randomUUID(),
                Ids.deliveryId(event.id(), webhookId), webhookId, WORKSPACE, event)));
        awaitReceived(event.id());
        assertParked(Topics.TESTS, garbageAt, "dispatcher/dispatcher-tests", "undecodable");
        assertParked(Topics.TESTS, otherAt, "dispatcher/dispatcher-tests", "wrong_schema");
    }

    @Test
    void attemptTopicParksPoisonAndLogsTheAttemptBehindIt() throws Exception {
        long garbageAt = produce(Topics.ATTEMPTS, "dlv_poison", garbage());
        long otherAt = produce(Topics.ATTEMPTS, "dlv_poison", otherSchema());
        EventEnvelope event = event();
        String deliveryId = Ids.deliveryId(event.id(), webhookId);
        AttemptRecord attempt = new AttemptRecord(deliveryId, webhookId, WORKSPACE, event.id(), event.type(), 1, 3,
                AttemptOutcome.DELIVERED, receiver.url("/poison"), 200, 12, null, null, Map.of(), Map.of(), "OK", false,
                Instant.now(), null, false, null, null);
        produce(Topics.ATTEMPTS, deliveryId, Json.write(attempt));
        Awaitility.await("the attempt behind the poison in the delivery log").atMost(WAIT.toSeconds(), TimeUnit.SECONDS)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> TestStack.api().get().uri("/api/v1/platform/webhooks/{w}/deliveries/{d}", webhookId, deliveryId)
                        .exchange().returnResult(byte[].class).getStatus().value() == 200);
        assertParked(Topics.ATTEMPTS, garbageAt, "management-api/management-attempts", "undecodable");
        assertParked(Topics.ATTEMPTS, otherAt, "management-api/management-attempts", "wrong_schema");
    }

    @Test
    void inboundTopicRejectsGarbageAndOtherSchemasWithTheirReasonAndDeliversWhatIsBehind() throws Exception {
        byte[] garbage = garbage();
        byte[] otherSchema = ("{\"schema_version\":2,\"kind\":\"email.opened\",\"payload\":{\"n\":\"" + UUID.randomUUID() + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        produce(Topics.INBOUND, WORKSPACE, garbage);
        produce(Topics.INBOUND, WORKSPACE, otherSchema);
        EventEnvelope valid = event();
        produce(Topics.INBOUND, WORKSPACE, Json.write(valid));
        awaitReceived(valid.id());
        ConsumerRecord<String, byte[]> rejectedGarbage = awaitParked(r -> java.util.Arrays.equals(r.value(), garbage));
        assertThat(rejectedGarbage.topic()).isEqualTo(Topics.INGEST_REJECTED);
        assertThat(header(rejectedGarbage, Headers.KAFKA_REJECT_CODE)).isEqualTo("malformed_json");
        ConsumerRecord<String, byte[]> rejectedOther = awaitParked(r -> java.util.Arrays.equals(r.value(), otherSchema));
        assertThat(rejectedOther.topic()).isEqualTo(Topics.INGEST_REJECTED);
        assertThat(header(rejectedOther, Headers.KAFKA_REJECT_CODE)).isEqualTo("missing_field");
        assertThat(header(rejectedOther, Headers.KAFKA_REJECT_REASON)).isNotBlank();
        assertThat(header(rejectedOther, Headers.KAFKA_SOURCE_TOPIC)).isEqualTo(Topics.INBOUND);
    }

    /**
     * The config view skips poison under a webhook's key, which keeps its last readable config and still receives
     * events; the webhook created behind the poison is applied; the dispatcher's guard parks each bad record once.
     */
    @Test
    void configTopicPoisonIsParkedOnceAndTheWebhooksBeforeAndBehindItStillReceive() throws Exception {
        try (TestReceiver beforeReceiver = TestReceiver.start(); TestReceiver behindReceiver = TestReceiver.start()) {
            String before = Tour.createWebhook(Map.of("name", "Poisoned config", "url", beforeReceiver.url("/before"),
                    "events", List.of("email.opened"))).get("id").asString();
            long garbageAt = produce(Topics.CONFIG, before, garbage());
            long otherAt = produce(Topics.CONFIG, before, otherSchema());
            String behind = Tour.createWebhook(Map.of("name", "Behind the poison", "url", behindReceiver.url("/behind"),
                    "events", List.of("email.opened"))).get("id").asString();

            EventEnvelope event = event();
            produce(Topics.eventTopics().getFirst(), WORKSPACE, Json.write(event),
                    new RecordHeader(Headers.KAFKA_EVENT_TYPE, "email.opened".getBytes(StandardCharsets.UTF_8)));
            Awaitility.await("the event at both webhooks").atMost(WAIT.toSeconds(), TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100))
                    .until(() -> List.of(beforeReceiver, behindReceiver).stream().allMatch(r -> r.received().stream()
                            .anyMatch(request -> request.bodyText().contains(event.id()))));
            assertParkedOnce(Topics.CONFIG, garbageAt, "dispatcher/dispatcher-config-guard", "undecodable");
            assertParkedOnce(Topics.CONFIG, otherAt, "dispatcher/dispatcher-config-guard", "wrong_schema");
            for (String id : List.of(before, behind)) {
                TestStack.api().delete().uri("/api/v1/platform/webhooks/{id}", id).exchange().expectStatus().isNoContent();
            }
        }
    }

    /** Ingest's key view skips poison; a key created behind it authenticates; ingest's guard parks the poison once. */
    @Test
    void apiKeyTopicPoisonIsParkedOnceAndAKeyCreatedBehindItWorksOnIngest() throws Exception {
        long garbageAt = produce(Topics.API_KEYS, "poison-" + UUID.randomUUID(), garbage());
        long otherAt = produce(Topics.API_KEYS, "poison-" + UUID.randomUUID(), otherSchema());
        byte[] created = TestStack.api().post().uri("/api/v1/platform/api-keys").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Behind the poison", "role", "developer")).exchange().expectStatus().isCreated()
                .expectBody().returnResult().getResponseBody();
        String key = Json.mapper().readTree(created).get("key").asString();
        WebTestClient ingest = TestStack.client(TestStack.get().ingestUrl(), key);
        Awaitility.await("the new key accepted by ingest").atMost(WAIT.toSeconds(), TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100))
                .until(() -> ingest.post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                        .bodyValue("{\"type\":\"email.sending\",\"data\":{\"email_id\":\"msg_poison\"}}").exchange()
                        .expectBody().returnResult().getStatus().value() == 202);
        assertParkedOnce(Topics.API_KEYS, garbageAt, "event-ingest/ingest-apikeys-guard", "undecodable");
        assertParkedOnce(Topics.API_KEYS, otherAt, "event-ingest/ingest-apikeys-guard", "wrong_schema");
    }

    /** management-api's workspace-state view skips poison and applies the state behind it; its guard parks the poison once. */
    @Test
    void workspaceStateTopicPoisonIsParkedOnceAndTheStateBehindItIsShown() throws Exception {
        String workspace = "ws_poison_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String key = TestStack.newApiKey(workspace);
        long garbageAt = produce(Topics.WORKSPACE_STATE, workspace, garbage());
        long otherAt = produce(Topics.WORKSPACE_STATE, workspace, otherSchema());
        produce(Topics.WORKSPACE_STATE, workspace, Json.write(new WorkspaceDeliveryState(workspace,
                "starter", 7, true, Instant.now(), 1)));
        WebTestClient api = TestStack.client(TestStack.get().apiUrl(), key);
        Awaitility.await("the throttled state behind the poison").atMost(WAIT.toSeconds(), TimeUnit.SECONDS).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    JsonNode rate = Json.mapper().readTree(api.get().uri("/api/v1/platform/workspace").exchange().expectStatus().isOk()
                            .expectBody().returnResult().getResponseBody()).get("delivery_rate");
                    return rate.get("throttled").asBoolean() && rate.get("limit_per_second").asLong() == 7;
                });
        assertParkedOnce(Topics.WORKSPACE_STATE, garbageAt, "management-api/management-broadcast-guard", "undecodable");
        assertParkedOnce(Topics.WORKSPACE_STATE, otherAt, "management-api/management-broadcast-guard", "wrong_schema");
    }

    /** Every management-api instance reads every test result; a bad one is parked once, and a test send behind it works. */
    @Test
    void testResultPoisonIsParkedOnceAndATestSendBehindItIsAnswered() throws Exception {
        long garbageAt = produce(Topics.TEST_RESULTS, "tst_poison", garbage());
        long otherAt = produce(Topics.TEST_RESULTS, "tst_poison", otherSchema());
        TestStack.api().post().uri("/api/v1/platform/webhooks/{id}/test", webhookId).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("event_type", "email.opened")).exchange().expectStatus().isOk();
        assertParkedOnce(Topics.TEST_RESULTS, garbageAt, "management-api/management-broadcast-guard", "undecodable");
        assertParkedOnce(Topics.TEST_RESULTS, otherAt, "management-api/management-broadcast-guard", "wrong_schema");
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    /** Bytes that are neither UTF-8 nor JSON, unique per call so each can be found again. */
    private static byte[] garbage() {
        byte[] id = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[id.length + 4];
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFE;
        bytes[2] = 0;
        System.arraycopy(id, 0, bytes, 3, id.length);
        bytes[bytes.length - 1] = (byte) 0xC3;
        return bytes;
    }

    /** JSON of a newer, incompatible schema: decodes leniently, but every field the consumer needs is missing. */
    private static byte[] otherSchema() {
        return ("{\"schema_version\":2,\"delivery\":{\"ref\":\"" + UUID.randomUUID() + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    private static EventEnvelope event() {
        JsonNode data = Json.mapper().readTree(EventType.EMAIL_OPENED.exampleJson()).get("data");
        return new EventEnvelope(Ids.newEventId(), "email.opened", Instant.now(), data);
    }

    private static DeliveryTask task() {
        EventEnvelope event = event();
        return new DeliveryTask(Ids.deliveryId(event.id(), webhookId), webhookId, WORKSPACE, event, 2, Instant.now());
    }

    /** Produces to partition 0, so the records of one test stay in order behind each other; returns the offset. */
    private static long produce(String topic, String key, byte[] value, Header... headers) throws Exception {
        return producer.send(new ProducerRecord<>(topic, 0, key, value, List.of(headers))).get().offset();
    }

    private static void awaitReceived(String eventId) {
        Awaitility.await("the valid record behind the poison is delivered (" + eventId + ")").atMost(WAIT.toSeconds(), TimeUnit.SECONDS)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> receiver.received().stream().anyMatch(r -> r.bodyText().contains(eventId)));
    }

    private static void assertParked(String topic, long offset, String consumer, String code) {
        ConsumerRecord<String, byte[]> poison = awaitParked(r -> r.topic().equals(Topics.POISON)
                && topic.equals(header(r, Headers.KAFKA_SOURCE_TOPIC)) && "0".equals(header(r, Headers.KAFKA_SOURCE_PARTITION))
                && Long.toString(offset).equals(header(r, Headers.KAFKA_SOURCE_OFFSET))
                && consumer.equals(header(r, Headers.KAFKA_POISONED_BY)));
        assertThat(header(poison, Headers.KAFKA_REJECT_CODE)).as("%s@%d by %s", topic, offset, consumer).isEqualTo(code);
        assertThat(header(poison, Headers.KAFKA_REJECT_REASON)).as("%s@%d by %s", topic, offset, consumer).isNotBlank();
    }

    /** As {@link #assertParked}, and parked only once: the view that skipped it did not park it as well. */
    private static void assertParkedOnce(String topic, long offset, String consumer, String code) {
        assertParked(topic, offset, consumer, code);
        parked.poll(Duration.ofMillis(500)).forEach(seen::add);
        assertThat(seen.stream().filter(r -> r.topic().equals(Topics.POISON) && topic.equals(header(r, Headers.KAFKA_SOURCE_TOPIC))
                && Long.toString(offset).equals(header(r, Headers.KAFKA_SOURCE_OFFSET))).count())
                .as("parked records of %s@%d", topic, offset).isEqualTo(1);
    }

    private static ConsumerRecord<String, byte[]> awaitParked(Predicate<ConsumerRecord<String, byte[]>> match) {
        Awaitility.await("a parked record").atMost(WAIT.toSeconds(), TimeUnit.SECONDS).pollInterval(Duration.ofMillis(10)).until(() -> {
            parked.poll(Duration.ofMillis(200)).forEach(seen::add);
            return seen.stream().anyMatch(match);
        });
        return seen.stream().filter(match).findFirst().orElseThrow();
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
