package com.penguinmails.webhooks.dispatcher.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.dispatcher.subscription.SubscriptionIndex;
import com.penguinmails.webhooks.model.AttemptOutcome;
import com.penguinmails.webhooks.model.AttemptRecord;
import com.penguinmails.webhooks.model.CustomHeaders;
import com.penguinmails.webhooks.model.DeliveryTask;
import com.penguinmails.webhooks.model.Headers;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Payloads;
import com.penguinmails.webhooks.model.TestSendRequest;
import com.penguinmails.webhooks.model.TestSendResult;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.WebhookConfig;
import com.penguinmails.webhooks.model.delivery.ErrorClass;
import com.penguinmails.webhooks.runtime.PoisonRecordPublisher;
import reactor.core.publisher.Mono;

/**
 * Test sends (spec 001 "Test Mode"): signs the event with {@link RequestSigner} and sends it with
 * {@link ReceiverClient}, the code of every real delivery, once and at once, whatever the webhook's status, its
 * endpoint's circuit or its workspace's rate (someone is debugging the endpoint and waiting for the answer). The
 * result goes back to management-api on {@link Topics#TEST_RESULTS}, and an attempt marked as a test to the log.
 */
@Component
class TestSendListener {

    private final SubscriptionIndex webhooks;
    private final RequestSigner signer;
    private final ReceiverClient client;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Clock clock;
    private final DeliveryTracing tracing;
    private final PoisonRecordPublisher poison;

    TestSendListener(SubscriptionIndex webhooks, RequestSigner signer, ReceiverClient client, KafkaTemplate<String, byte[]> kafka,
                     Clock clock, DeliveryTracing tracing, PoisonRecordPublisher poison) {
        this.poison = poison;
        this.tracing = tracing;
        this.webhooks = webhooks;
        this.signer = signer;
        this.client = client;
        this.kafka = kafka;
        this.clock = clock;
    }

    @KafkaListener(id = "dispatcher-tests", groupId = "dispatcher", topics = Topics.TESTS)
    Mono<Void> onTest(ConsumerRecord<String, byte[]> record) {
        TestSendRequest test;
        try {
            test = Payloads.read(record.value(), TestSendRequest.class);
        } catch (Payloads.Unreadable e) {
            return Mono.fromFuture(() -> poison.publish(record, "dispatcher-tests", e));
        }
        Instant attemptedAt = clock.instant();
        WebhookConfig webhook = webhooks.webhook(test.webhookId()).orElse(null);
        if (webhook == null) {
            return answer(test, null, null, ReceiverResponse.failed(0, "the dispatcher does not know webhook " + test.webhookId()
                    + " (deleted, or created a moment ago)", ErrorClass.NOT_SENT), attemptedAt, null);
        }
        DeliveryTask task = new DeliveryTask(test.deliveryId(), webhook.id(), webhook.workspaceId(), test.event(), 1, attemptedAt);
        DeliveryTracing.Attempt traced = tracing.start(task);
        SignedRequest request;
        try {
            request = signer.sign(webhook, task).withHeader(Headers.TRACEPARENT, traced.traceParent());
        } catch (RuntimeException e) {
            ReceiverResponse notSigned = ReceiverResponse.failed(0, "not signed: " + e.getMessage(), ErrorClass.NOT_SENT);
            traced.end(notSigned);
            return answer(test, webhook, null, notSigned, attemptedAt, traced.traceId());
        }
        return client.send(request, Duration.ofMillis(webhook.timeoutMillis()))
                .doOnNext(traced::end)
                .flatMap(response -> answer(test, webhook, request, response, attemptedAt, traced.traceId()));
    }

    private Mono<Void> answer(TestSendRequest test, WebhookConfig webhook, SignedRequest request, ReceiverResponse response,
                              Instant attemptedAt, String traceId) {
        Map<String, String> sentHeaders = request == null ? Map.of() : CustomHeaders.redacted(request.headers());
        String url = request != null ? request.url() : webhook == null ? null : webhook.url();
        TestSendResult result = new TestSendResult(test.requestId(), test.deliveryId(), url, sentHeaders,
                request == null ? null : new String(request.body(), StandardCharsets.UTF_8), response.statusCode(),
                response.headers(), response.body(), response.truncated(), response.durationMillis(), response.error(),
                response.errorClassName(), attemptedAt);
        AttemptRecord attempt = new AttemptRecord(test.deliveryId(), test.webhookId(), test.workspaceId(), test.event().id(),
                test.event().type(), 1, 1, response.isSuccess() ? AttemptOutcome.DELIVERED : AttemptOutcome.DEAD_LETTERED, url,
                response.statusCode(), response.durationMillis(), response.error(), response.errorClassName(), sentHeaders,
                response.headers(), response.body(), response.truncated(), attemptedAt, null, true, result.requestBody(), traceId);
        return Mono.when(
                Mono.fromFuture(() -> kafka.send(new ProducerRecord<>(Topics.TEST_RESULTS, test.requestId(), Json.write(result)))),
                Mono.fromFuture(() -> kafka.send(new ProducerRecord<>(Topics.ATTEMPTS, test.deliveryId(), Json.write(attempt)))));
    }
}
