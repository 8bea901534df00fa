package com.penguinmails.webhooks.management.testsend;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Service;

import com.penguinmails.webhooks.management.auth.ApiPrincipal;
import com.penguinmails.webhooks.management.problem.ApiException;
import com.penguinmails.webhooks.management.problem.FieldError;
import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Ids;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.Payloads;
import com.penguinmails.webhooks.model.TestSendRequest;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.canonical.NumberFidelity;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Test sends, for the API and the dashboard alike: builds the event (the catalog's example, the latest real one, or
 * the caller's data), hands it to a dispatcher on {@link Topics#TESTS} and waits for the result, up to the webhook's
 * timeout and a margin for the trip. Any role may; a webhook of another workspace is not found (404).
 */
@Service
public class TestSends {

    static final List<String> SOURCES = List.of("sample", "latest", "custom");
    /** The trip through Kafka and a dispatcher, on top of the webhook's own timeout. */
    static final Duration MARGIN = Duration.ofSeconds(10);

    private final TestSendRepository repository;
    private final TestResultListener results;
    private final KafkaTemplate<String, byte[]> kafka;
    private final Clock clock;

    TestSends(TestSendRepository repository, TestResultListener results, KafkaTemplate<String, byte[]> kafka, Clock clock) {
        this.repository = repository;
        this.results = results;
        this.kafka = kafka;
        this.clock = clock;
    }

    /** Sends the event and answers with what was sent and received; an invalid body is refused at once, by throwing. */
    public Mono<TestSendView> send(ApiPrincipal caller, String webhookId, TestSendBody body) {
        TestSendBody valid = validate(body);
        String workspaceId = caller.workspaceId();
        return repository.timeoutMillis(workspaceId, webhookId)
                .switchIfEmpty(Mono.error(ApiException.notFound("Webhook " + webhookId)))
                .flatMap(timeout -> event(workspaceId, valid).flatMap(event -> sendAndAwait(workspaceId, webhookId, event,
                        Duration.ofMillis(timeout).plus(MARGIN))));
    }

    private Mono<TestSendView> sendAndAwait(String workspaceId, String webhookId, EventEnvelope event, Duration wait) {
        String requestId = Ids.random("tst_", clock);
        TestSendRequest request = new TestSendRequest(requestId, Ids.random(Ids.DELIVERY, clock), webhookId, workspaceId, event);
        return results.ready().then(Mono.defer(() -> {
            Mono<TestSendView> answer = results.await(requestId).map(result -> TestSendView.of(event, result));
            return Mono.fromFuture(() -> kafka.send(new ProducerRecord<>(Topics.TESTS, webhookId, Json.write(request))))
                    .then(answer)
                    .timeout(wait, Mono.error(() -> new ApiException(HttpStatus.GATEWAY_TIMEOUT, "No answer from the dispatcher",
                            "The test send got no result within " + wait.toSeconds() + " s; it may still be sent. See the delivery log.",
                            List.of())))
                    .onErrorMap(Payloads.Unreadable.class, e -> new ApiException(HttpStatus.BAD_GATEWAY, "Unreadable answer from the dispatcher",
                            "The test send's result could not be read (" + e.getMessage() + "); it may have been sent. See the delivery log.",
                            List.of()));
        }));
    }

    private Mono<EventEnvelope> event(String workspaceId, TestSendBody body) {
        String id = Ids.random("evt_test_", clock);
        return switch (body.dataSource()) {
            case "latest" -> repository.latestEvent(workspaceId, body.eventType())
                    .map(latest -> new EventEnvelope(id, latest.type(), clock.instant(), latest.data()))
                    .switchIfEmpty(Mono.error(new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "No event to send",
                            "This workspace has no stored " + body.eventType() + " event yet; send the sample or custom data.",
                            List.of(new FieldError("data_source", "No stored " + body.eventType() + " event in this workspace.")))));
            case "custom" -> Mono.just(new EventEnvelope(id, body.eventType(), clock.instant(), body.data()));
            default -> Mono.just(new EventEnvelope(id, body.eventType(), clock.instant(),
                    Json.mapper().readTree(EventType.fromName(body.eventType()).orElseThrow().exampleJson()).get("data")));
        };
    }

    /** The body with its default source, or an error naming every bad field. */
    static TestSendBody validate(TestSendBody body) {
        List<FieldError> errors = new ArrayList<>();
        if (body == null) {
            throw ApiException.validation(List.of(new FieldError("body", "A JSON body with at least 'event_type' is required.")));
        }
        if (body.eventType() == null || body.eventType().isBlank()) {
            errors.add(new FieldError("event_type", "event_type is required: one of " + String.join(", ", EventType.names()) + "."));
        } else if (EventType.fromName(body.eventType()).isEmpty()) {
            errors.add(FieldError.unknownEventType("event_type", body.eventType(), false));
        }
        String source = body.dataSource() == null ? "sample" : body.dataSource();
        if (!SOURCES.contains(source)) {
            errors.add(new FieldError("data_source", "data_source must be one of sample, latest, custom."));
        }
        JsonNode data = body.data() == null || body.data().isNull() ? null : body.data();
        if (source.equals("custom") && (data == null || !data.isObject())) {
            errors.add(new FieldError("data", "With data_source custom, data must be a JSON object: the event's data."));
        } else if (!source.equals("custom") && data != null) {
            errors.add(new FieldError("data", "data is only taken with data_source custom."));
        }
        if (data != null && data.toString().contains("\\u0000")) {
            errors.add(new FieldError("data", "data must not contain a NUL character."));
        }
        if (data != null) {
            // delivered as JSON.stringify writes it (CanonicalJson): an integer it would change is refused, not sent altered
            NumberFidelity.refusals(data).forEach(refusal -> errors.add(new FieldError("data" + refusal.field(), refusal.reason())));
        }
        if (!errors.isEmpty()) {
            throw ApiException.validation(errors);
        }
        return new TestSendBody(body.eventType(), source, data);
    }
}
