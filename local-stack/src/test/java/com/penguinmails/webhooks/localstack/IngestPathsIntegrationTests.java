package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import com.penguinmails.webhooks.model.Headers;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Topics;

/**
 * Both ingest paths against the real broker: platform services producing to {@code webhooks.inbound.v1}, and the
 * HTTP API. Each event arrives once in its canonical topic, duplicates are dropped (also across an ingest restart),
 * and every invalid record lands in the rejected topic with its reason while the records behind it flow.
 */
class IngestPathsIntegrationTests {

    private static KafkaProducer<String, byte[]> producer;
    private static KafkaConsumer<String, byte[]> consumer;
    private static final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    @BeforeAll
    static void connect() {
        String bootstrap = "127.0.0.1:" + TestStack.get().options().kafkaPort();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "ingest-paths-test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new ByteArrayDeserializer());
        List<String> topics = new ArrayList<>(Topics.eventTopics());
        topics.add(Topics.INGEST_REJECTED);
        consumer.subscribe(topics);
    }

    @AfterAll
    static void disconnect() {
        producer.close();
        consumer.close();
    }

    @Test
    void aValidKafkaRecordAndAValidHttpEventEachArriveOnce() throws Exception {
        String workspace = workspace();
        produce(workspace, "{\"id\":\"evt_kafka_once\",\"type\":\"email.opened\",\"data\":{\"email_id\":\"msg_1\",\"contact\":{\"email\":\"a@example.com\"}}}");
        String httpId = Tour.publish(Map.of("type", "email.sending", "data", Map.of("email_id", "msg_2"))).getFirst();

        ConsumerRecord<String, byte[]> kafkaEvent = awaitRecord(r -> r.topic().equals("webhooks.events.email") && id(r).equals("evt_kafka_once"));
        assertThat(kafkaEvent.key()).isEqualTo(workspace);
        assertThat(header(kafkaEvent, Headers.KAFKA_EVENT_TYPE)).isEqualTo("email.opened");
        assertThat(Json.mapper().readTree(kafkaEvent.value()).get("created_at").asString()).isNotBlank();
        ConsumerRecord<String, byte[]> httpEvent = awaitRecord(r -> r.topic().equals("webhooks.events.email") && id(r).equals(httpId));
        assertThat(httpEvent.key()).isEqualTo(LocalStackOptions.DEMO_WORKSPACE_ID);
        awaitMarker(workspace);
        assertThat(count(r -> id(r).equals("evt_kafka_once"))).isEqualTo(1);
        assertThat(count(r -> id(r).equals(httpId))).isEqualTo(1);
    }

    @Test
    void theSameEventTwiceArrivesOnceOnEitherPathAndAcrossPaths() throws Exception {
        String workspace = workspace();
        String event = "{\"id\":\"evt_twice\",\"type\":\"contact.created\",\"data\":{\"contact_id\":\"c1\",\"email\":\"c1@example.com\"}}";
        produce(workspace, event);
        produce(workspace, event);
        awaitMarker(workspace);
        assertThat(count(r -> workspace.equals(r.key()) && id(r).equals("evt_twice"))).isEqualTo(1);

        // HTTP: a retried request with the same Idempotency-Key yields the same ids and one canonical event
        String key = "order-" + UUID.randomUUID();
        List<String> first = publishWithKey(key);
        List<String> second = publishWithKey(key);
        assertThat(second).isEqualTo(first);
        // across paths: the platform produces the event the HTTP API already accepted, in the same workspace
        produce("ws_demo", "{\"id\":\"" + first.getFirst() + "\",\"type\":\"email.sending\",\"data\":{\"email_id\":\"m\"}}");
        awaitMarker("ws_demo");
        assertThat(count(r -> id(r).equals(first.getFirst()))).isEqualTo(1);
    }

    @Test
    void deDuplicatesAcrossAnIngestRestart() throws Exception {
        String workspace = workspace();
        String event = "{\"id\":\"evt_restart\",\"type\":\"campaign.launched\",\"data\":{\"campaign_id\":\"camp_1\"}}";
        produce(workspace, event);
        awaitRecord(r -> id(r).equals("evt_restart"));
        TestStack.get().restart("event-ingest");
        produce(workspace, event);
        awaitMarker(workspace);
        assertThat(count(r -> workspace.equals(r.key()) && id(r).equals("evt_restart"))).isEqualTo(1);
    }

    @Test
    void everyInvalidRecordIsRejectedWithItsReasonWhileValidOnesBehindItFlow() throws Exception {
        String workspace = workspace();
        Map<String, String> invalid = Map.of(
                "malformed_json", "{\"type\": \"email.opened\", ",
                "unknown_type", "{\"type\":\"email.teleported\",\"data\":{}}",
                "missing_field", "{\"type\":\"email.opened\"}",
                "schema_violation", "{\"type\":\"email.clicked\",\"data\":{\"email_id\":\"m\"}}",
                "invalid_field", "{\"id\":\"nope\",\"type\":\"email.sending\",\"data\":{\"email_id\":\"m\"}}",
                "not_an_object", "[1,2]");
        for (String value : invalid.values()) {
            produce(workspace, value);
        }
        producer.send(new ProducerRecord<>(Topics.INBOUND, null, "{\"type\":\"email.sending\",\"data\":{\"email_id\":\"m\"}}"
                .getBytes(StandardCharsets.UTF_8))).get();
        produce(workspace, "{\"id\":\"evt_behind\",\"type\":\"email.sending\",\"data\":{\"email_id\":\"m\"}}");

        awaitRecord(r -> id(r).equals("evt_behind"));
        for (Map.Entry<String, String> entry : invalid.entrySet()) {
            ConsumerRecord<String, byte[]> rejected = awaitRecord(r -> r.topic().equals(Topics.INGEST_REJECTED)
                    && workspace.equals(r.key()) && new String(r.value(), StandardCharsets.UTF_8).equals(entry.getValue()));
            assertThat(header(rejected, Headers.KAFKA_REJECT_CODE)).isEqualTo(entry.getKey());
            assertThat(header(rejected, Headers.KAFKA_REJECT_REASON)).isNotBlank();
            assertThat(header(rejected, Headers.KAFKA_SOURCE_TOPIC)).isEqualTo(Topics.INBOUND);
            assertThat(header(rejected, Headers.KAFKA_SOURCE_OFFSET)).matches("\\d+");
        }
        ConsumerRecord<String, byte[]> noWorkspace = awaitRecord(r -> r.topic().equals(Topics.INGEST_REJECTED) && r.key() == null);
        assertThat(header(noWorkspace, Headers.KAFKA_REJECT_CODE)).isEqualTo("missing_workspace");
        assertThat(header(awaitRecord(r -> r.topic().equals(Topics.INGEST_REJECTED)
                && "{\"type\":\"email.clicked\",\"data\":{\"email_id\":\"m\"}}".equals(new String(r.value(), StandardCharsets.UTF_8))),
                Headers.KAFKA_REJECT_REASON)).contains("url");
    }

    @Test
    void refusesNumbersADoubleWouldChangeAndRepeatedKeysToTheRejectedTopicNamingTheField() throws Exception {
        // receivers get bodies as JSON.stringify writes them: what would arrive altered is refused, never changed silently
        String workspace = workspace();
        Map<String, String> reasons = Map.of(
                "{\"type\":\"email.sending\",\"data\":{\"email_id\":\"m\",\"order_id\":12345678901234567890}}",
                "data.order_id: an integer beyond JavaScript's safe range",
                "{\"type\":\"email.sending\",\"data\":{\"email_id\":\"m\",\"ratio\":0.1000000000000000000001}}",
                "data.ratio: more digits than a double holds",
                "{\"type\":\"email.sending\",\"data\":{\"email_id\":\"m\",\"email_id\":\"n\"}}",
                "data.email_id: appears twice in one object");
        for (String value : reasons.keySet()) {
            produce(workspace, value);
        }
        for (Map.Entry<String, String> entry : reasons.entrySet()) {
            ConsumerRecord<String, byte[]> rejected = awaitRecord(r -> r.topic().equals(Topics.INGEST_REJECTED)
                    && workspace.equals(r.key()) && new String(r.value(), StandardCharsets.UTF_8).equals(entry.getKey()));
            assertThat(header(rejected, Headers.KAFKA_REJECT_CODE)).isEqualTo("invalid_field");
            assertThat(header(rejected, Headers.KAFKA_REJECT_REASON)).startsWith(entry.getValue());
        }
        awaitMarker(workspace);
        assertThat(count(r -> workspace.equals(r.key()) && !id(r).startsWith("evt_marker_"))).isZero();
    }

    @Test
    void servesTheCatalogWithSchemasAndExamples() {
        byte[] body = TestStack.ingest().get().uri("/api/v1/events/types").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody();
        var types = Json.mapper().readTree(body).get("data");
        assertThat(types.size()).isEqualTo(16);
        var clicked = types.valueStream().filter(t -> t.get("type").asString().equals("email.clicked")).findFirst().orElseThrow();
        assertThat(clicked.get("category").asString()).isEqualTo("email");
        assertThat(clicked.get("schema").get("required").valueStream().map(n -> n.asString())).contains("url");
        assertThat(clicked.get("example").get("type").asString()).isEqualTo("email.clicked");
    }

    @Test
    void exposesIngestMetricsForPrometheus() {
        Tour.publish(Map.of("type", "email.sending", "data", Map.of("email_id", "msg_metrics")));
        TestStack.ingest().post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("type", "email.teleported", "data", Map.of())).exchange().expectStatus().isBadRequest();
        String metrics = new String(TestStack.ingest().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8);
        assertThat(metrics).contains("penguin_ingest_events_accepted_total{path=\"http\"}")
                .contains("penguin_ingest_publish_latency_seconds_count{path=\"http\"}")
                .contains("penguin_ingest_events_rejected_total{path=\"http\",reason=\"unknown_type\"}")
                .contains("penguin_ingest_events_duplicates_total{path=\"kafka\"}");
    }

    @Test
    void countsAnEventAcceptedOverHttpOnceNotAtTheRequestAndAgainWhenItIsPublished() throws Exception {
        double before = settledHttpAccepted(-1);
        Tour.publish(List.of(Map.of("type", "email.sending", "data", Map.of("email_id", "count_1")),
                Map.of("type", "email.sending", "data", Map.of("email_id", "count_2")),
                Map.of("type", "email.sending", "data", Map.of("email_id", "count_3"))));
        assertThat(settledHttpAccepted(before + 3) - before).isEqualTo(3);
    }

    /**
     * penguin_ingest_events_accepted_total{path="http"} once it reached {@code atLeast} and then held still for two
     * seconds (events of earlier tests may still be on their way through the topology).
     */
    private static double settledHttpAccepted(double atLeast) throws InterruptedException {
        double last = Double.NaN;
        long stableSince = System.nanoTime();
        long deadline = System.nanoTime() + Tour.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            String metrics = new String(TestStack.ingest().get().uri("/actuator/prometheus").exchange().expectStatus().isOk()
                    .expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8);
            double now = metrics.lines().filter(l -> l.startsWith("penguin_ingest_events_accepted_total{path=\"http\"}"))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(0);
            if (now != last) {
                last = now;
                stableSince = System.nanoTime();
            } else if (now >= atLeast && System.nanoTime() - stableSince > TimeUnit.SECONDS.toNanos(2)) {
                return now;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the HTTP accepted counter did not settle at " + atLeast + " or more; last " + last);
    }

    private static List<String> publishWithKey(String idempotencyKey) {
        byte[] answer = TestStack.ingest().post().uri("/api/v1/events").header(Headers.IDEMPOTENCY_KEY, idempotencyKey)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(List.of(Map.of("type", "email.sending", "data", Map.of("email_id", "m1")),
                        Map.of("type", "email.sending", "data", Map.of("email_id", "m2"))))
                .exchange().expectStatus().isAccepted().expectBody().returnResult().getResponseBody();
        return Json.mapper().readTree(answer).get("ids").valueStream().map(n -> n.asString()).toList();
    }

    /** A marker event in the workspace: once it is in, everything produced before it to that workspace is in. */
    private static void awaitMarker(String workspace) throws Exception {
        String marker = "evt_marker_" + UUID.randomUUID().toString().replace("-", "");
        produce(workspace, "{\"id\":\"" + marker + "\",\"type\":\"email.sending\",\"data\":{\"email_id\":\"marker\"}}");
        awaitRecord(r -> id(r).equals(marker));
    }

    private static void produce(String workspace, String value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.INBOUND, workspace, value.getBytes(StandardCharsets.UTF_8))).get();
    }

    private static ConsumerRecord<String, byte[]> awaitRecord(Predicate<ConsumerRecord<String, byte[]>> match) {
        Awaitility.await().atMost(60, TimeUnit.SECONDS).pollDelay(Duration.ZERO).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return seen.stream().anyMatch(match);
        });
        return seen.stream().filter(match).findFirst().orElseThrow();
    }

    private static long count(Predicate<ConsumerRecord<String, byte[]>> match) {
        return seen.stream().filter(r -> !r.topic().equals(Topics.INGEST_REJECTED)).filter(match).count();
    }

    private static String id(ConsumerRecord<String, byte[]> record) {
        try {
            var id = Json.mapper().readTree(record.value()).get("id");
            return id == null ? "" : id.asString();
        } catch (RuntimeException e) {
            return "";
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static String workspace() {
        return "ws_test_" + UUID.randomUUID().toString().replace("-", "");
    }
}
