package com.penguinmails.webhooks.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.filter.WebhookFilter;
import com.penguinmails.webhooks.model.signing.PenguinSignature;
import com.penguinmails.webhooks.model.signing.StandardWebhookSignature;
import com.penguinmails.webhooks.model.signing.WebhookSecrets;

/**
 * The per-delivery work that is pure CPU, measured alone (JMH): signing a body with both schemes, matching an event
 * against a webhook's filters, writing and reading the event envelope. Run with {@code bench/jmh.sh}; results in
 * docs/benchmarks.md. Inputs are spec 002's email.opened example (about 430 bytes).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HotPathBenchmarks {

    private EventEnvelope event;
    private byte[] body;
    private String secret;
    private List<String> twoSecrets;
    private WebhookFilter typicalFilter;
    private WebhookFilter richFilter;

    @Setup
    public void setUp() {
        body = EventType.EMAIL_OPENED.exampleJson().strip().getBytes(StandardCharsets.UTF_8);
        event = Json.read(body, EventEnvelope.class);
        secret = WebhookSecrets.generate();
        twoSecrets = List.of(secret, WebhookSecrets.generate());
        // what most filtered webhooks use: one campaign, one tag
        typicalFilter = WebhookFilter.parse(Json.mapper().readTree("""
                {"campaign_ids": ["camp_def456"], "contact_tags": {"any": ["vip", "newsletter"]}}"""));
        // payload conditions with $or, $in and a regex: the most work a filter does
        richFilter = WebhookFilter.parse(Json.mapper().readTree("""
                {"payload": {"$or": [{"campaign_id": {"$in": ["camp_x", "camp_def456"]}},
                                     {"contact.email": {"$regex": "@example\\\\.com$"}}],
                             "email_id": {"$exists": true}}}"""));
    }

    @Benchmark
    public String signStandardWebhooks() {
        return StandardWebhookSignature.sign(secret, "dlv_01JD2Z3X4Y5Z6A7B8C9D0E1F2G", 1_732_545_000L, body);
    }

    /** During a secret rotation both secrets sign: two signatures in the header. */
    @Benchmark
    public String signStandardWebhooksWithTwoSecrets() {
        return StandardWebhookSignature.signAll(twoSecrets, "dlv_01JD2Z3X4Y5Z6A7B8C9D0E1F2G", 1_732_545_000L, body);
    }

    @Benchmark
    public String signPenguinV1() {
        return PenguinSignature.sign(secret, body);
    }

    @Benchmark
    public boolean matchTypicalFilter() {
        return typicalFilter.matches("ws_abc123", event);
    }

    @Benchmark
    public boolean matchRichFilter() {
        return richFilter.matches("ws_abc123", event);
    }

    @Benchmark
    public byte[] writeEnvelope() {
        return Json.write(event);
    }

    @Benchmark
    public EventEnvelope readEnvelope() {
        return Json.read(body, EventEnvelope.class);
    }
}
