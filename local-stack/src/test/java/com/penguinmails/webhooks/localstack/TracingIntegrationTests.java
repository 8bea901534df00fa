package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.TraceParent;
import com.penguinmails.webhooks.model.Topics;
import tools.jackson.databind.JsonNode;

/**
 * W3C trace context from the producer to the receiver: the caller's {@code traceparent} (on the HTTP request or on the
 * Kafka record) travels in Kafka headers through ingest to the dispatcher, every attempt's POST carries a child of it
 * (retries too), the delivery log shows its trace id, and with an OTLP endpoint configured the spans are exported.
 */
class TracingIntegrationTests {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    @Test
    void continuesTheCallersTraceFromIngestToEveryAttemptAndShowsItInTheDeliveryLog() throws Exception {
        String emailId = "msg_trace_" + UUID.randomUUID();
        try (TestReceiver receiver = TestReceiver.start(500)) {
            String webhookId = webhookFor(receiver, emailId);
            byte[] answer = TestStack.ingest().post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                    .header("traceparent", "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01")
                    .bodyValue(opened(emailId)).exchange().expectStatus().isAccepted().expectBody().returnResult().getResponseBody();
            assertThat(Json.mapper().readTree(answer).get("accepted").asInt()).isEqualTo(1);

            // the first attempt fails (500), the retry delivers: both POSTs are children of the caller's trace
            List<TestReceiver.Received> posts = receiver.awaitRequests(2, Tour.WAIT);
            List<String> sent = posts.stream().map(post -> post.header("traceparent")).toList();
            assertThat(sent).allSatisfy(traceParent -> {
                assertThat(TraceParent.traceId(traceParent)).isEqualTo(TRACE_ID);
                assertThat(spanId(traceParent)).isNotEqualTo(CALLER_SPAN);
            });
            assertThat(spanId(sent.get(0))).as("each attempt is a span of its own").isNotEqualTo(spanId(sent.get(1)));

            JsonNode delivery = awaitDelivered(webhookId);
            List<JsonNode> attempts = delivery.get("attempts_detail").valueStream().toList();
            assertThat(attempts).hasSize(2);
            for (JsonNode attempt : attempts) {
                assertThat(attempt.get("trace_id").asString()).isEqualTo(TRACE_ID);
                assertThat(attempt.get("request_headers").get("traceparent").asString()).startsWith("00-" + TRACE_ID + "-");
            }
        }
    }

    @Test
    void continuesATraceAProducerPutOnTheKafkaRecordAndStartsOneForARecordWithout() throws Exception {
        String traced = "msg_trace_kafka_" + UUID.randomUUID();
        String untraced = "msg_trace_none_" + UUID.randomUUID();
        String producerTrace = UUID.randomUUID().toString().replace("-", "");
        try (TestReceiver tracedReceiver = TestReceiver.start(); TestReceiver untracedReceiver = TestReceiver.start();
             KafkaProducer<String, byte[]> producer = producer()) {
            webhookFor(tracedReceiver, traced);
            String untracedWebhook = webhookFor(untracedReceiver, untraced);

            ProducerRecord<String, byte[]> withTrace = new ProducerRecord<>(Topics.INBOUND, "ws_demo", Json.write(opened(traced)));
            withTrace.headers().add("traceparent", ("00-" + producerTrace + "-" + CALLER_SPAN + "-01").getBytes(StandardCharsets.US_ASCII));
            producer.send(withTrace).get();
            producer.send(new ProducerRecord<>(Topics.INBOUND, "ws_demo", Json.write(opened(untraced)))).get();

            String tracedParent = tracedReceiver.awaitRequests(1, Tour.WAIT).getFirst().header("traceparent");
            assertThat(TraceParent.traceId(tracedParent)).isEqualTo(producerTrace);

            String startedHere = untracedReceiver.awaitRequests(1, Tour.WAIT).getFirst().header("traceparent");
            assertThat(TraceParent.isValid(startedHere)).as("traceparent %s", startedHere).isTrue();
            assertThat(TraceParent.traceId(startedHere)).isNotEqualTo(producerTrace).isNotEqualTo(TRACE_ID);
            JsonNode delivery = awaitDelivered(untracedWebhook);
            assertThat(delivery.get("attempts_detail").get(0).get("trace_id").asString()).isEqualTo(TraceParent.traceId(startedHere));
        }
    }

    @Test
    void exportsTheDeliverySpansOverOtlpWhenAnEndpointIsConfigured() throws Exception {
        String emailId = "msg_trace_otlp_" + UUID.randomUUID();
        String trace = "0af7651916cd43dd8448eb211c80319c";
        try (TestReceiver collector = TestReceiver.start(); TestReceiver receiver = TestReceiver.start()) {
            TestStack.get().restart("dispatcher", Map.of(
                    "management.tracing.export.otlp.enabled", "true",
                    "management.opentelemetry.tracing.export.otlp.endpoint", collector.url("/v1/traces"),
                    "management.opentelemetry.tracing.export.schedule-delay", "100ms",
                    "management.tracing.sampling.probability", "1.0"));
            try {
                webhookFor(receiver, emailId);
                TestStack.ingest().post().uri("/api/v1/events").contentType(MediaType.APPLICATION_JSON)
                        .header("traceparent", "00-" + trace + "-" + CALLER_SPAN + "-01")
                        .bodyValue(opened(emailId)).exchange().expectStatus().isAccepted();
                receiver.awaitRequests(1, Tour.WAIT);

                // OTLP/HTTP protobuf: the span's trace id is in there as its 16 raw bytes, with the span's name
                byte[] traceBytes = HexFormat.of().parseHex(trace);
                Awaitility.await().atMost(Tour.WAIT).untilAsserted(() -> assertThat(collector.received())
                        .anySatisfy(export -> {
                            assertThat(export.header("content-type")).isEqualTo("application/x-protobuf");
                            assertThat(indexOf(export.body(), traceBytes)).isNotNegative();
                            assertThat(indexOf(export.body(), "webhook delivery".getBytes(StandardCharsets.UTF_8))).isNotNegative();
                        }));
            } finally {
                TestStack.get().restart("dispatcher", Map.of(
                        "management.tracing.export.otlp.enabled", "false",
                        "management.opentelemetry.tracing.export.otlp.endpoint", "http://localhost:4318/v1/traces",
                        "management.opentelemetry.tracing.export.schedule-delay", "5s",
                        "management.tracing.sampling.probability", "0.1"));
            }
        }
    }

    private static String webhookFor(TestReceiver receiver, String emailId) {
        return Tour.createWebhook(Map.of("url", receiver.url("/traced"), "events", List.of("email.opened"),
                "filters", Map.of("payload", Map.of("email_id", emailId)))).get("id").asString();
    }

    private static Map<String, Object> opened(String emailId) {
        return Map.of("type", "email.opened", "data", Map.of("email_id", emailId, "contact", Map.of("email", "trace@example.com")));
    }

    private static JsonNode awaitDelivered(String webhookId) {
        JsonNode delivered = Tour.awaitDelivery(webhookId, "delivered");
        return Tour.delivery(webhookId, delivered.get("id").asString());
    }

    private static String spanId(String traceParent) {
        return traceParent.split("-")[2];
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestStack.get().kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
