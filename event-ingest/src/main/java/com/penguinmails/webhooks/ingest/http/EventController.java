package com.penguinmails.webhooks.ingest.http;

import java.time.Duration;
import java.util.List;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import com.fasterxml.jackson.annotation.JsonInclude;

import com.penguinmails.webhooks.ingest.IngestMetrics;
import com.penguinmails.webhooks.ingest.IngestProperties;
import com.penguinmails.webhooks.ingest.RejectCode;
import com.penguinmails.webhooks.ingest.auth.ApiKeyAuthenticator;
import com.penguinmails.webhooks.ingest.validation.EventValidator;
import com.penguinmails.webhooks.ingest.validation.FieldError;
import com.penguinmails.webhooks.ingest.validation.InvalidEventsException;
import com.penguinmails.webhooks.model.ApiKeyRecord;
import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Headers;
import com.penguinmails.webhooks.model.Ids;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.runtime.DataBufferBytes;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/events}: one event or a JSON array of events, accepted (202) once every one of them is on
 * Kafka; {@code GET /api/v1/events/types}: the catalog with each type's schema and example.
 */
@RestController
@RequestMapping("/api/v1/events")
class EventController {

    private final ApiKeyAuthenticator authenticator;
    private final EventValidator validator;
    private final InboundPublisher publisher;
    private final RateLimiter rateLimiter;
    private final IngestMetrics metrics;
    private final IngestProperties properties;

    EventController(ApiKeyAuthenticator authenticator, EventValidator validator, InboundPublisher publisher,
                    RateLimiter rateLimiter, IngestMetrics metrics, IngestProperties properties) {
        this.authenticator = authenticator;
        this.validator = validator;
        this.publisher = publisher;
        this.rateLimiter = rateLimiter;
        this.metrics = metrics;
        this.properties = properties;
    }

    /** What the caller gets back: how many events were accepted and their ids, in request order. */
    record Accepted(int accepted, List<String> ids) {
    }

    /**
     * One catalog entry: the type, its category, what it means, its data schema and an example envelope; for the
     * e-mail types of spec 003, an example of its transactional shape too (recipient in {@code to}, no {@code contact}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TypeDescription(String type, String category, String description, JsonNode schema, JsonNode example,
                           JsonNode transactionalExample) {
    }

    record TypeList(List<TypeDescription> data) {
    }

    @GetMapping("/types")
    TypeList types() {
        return new TypeList(java.util.Arrays.stream(EventType.values())
                .map(t -> new TypeDescription(t.typeName(), t.category().label(), t.description(),
                        Json.mapper().readTree(t.schemaJson()), Json.mapper().readTree(t.exampleJson()),
                        t.transactionalExampleJson().map(Json.mapper()::readTree).orElse(null)))
                .toList());
    }

    @PostMapping
    Mono<ResponseEntity<Accepted>> publish(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                           @RequestHeader(value = Headers.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
                                           @RequestHeader(value = Headers.TRACEPARENT, required = false) String traceParent,
                                           ServerWebExchange exchange) {
        long start = System.nanoTime();
        ApiKeyRecord key = authenticator.authenticate(authorization).orElseThrow(UnauthorizedException::new);
        long limit = properties.maxBodySize().toBytes();
        if (exchange.getRequest().getHeaders().getContentLength() > limit) {
            return Mono.error(tooLarge(limit));
        }
        return DataBufferUtils.join(exchange.getRequest().getBody(), (int) Math.min(limit, Integer.MAX_VALUE))
                .onErrorMap(DataBufferLimitException.class, e -> tooLarge(limit))
                .map(DataBufferBytes::consume)
                .defaultIfEmpty(new byte[0])
                .map(body -> validator.validateRequest(body, index -> idFor(key.workspaceId(), idempotencyKey, index)))
                .doOnError(InvalidEventsException.class, e -> metrics.rejected(IngestMetrics.Path.HTTP,
                        e.errors().isEmpty() ? RejectCode.INVALID_FIELD : e.errors().getFirst().rejectCode(), 1))
                .flatMap(events -> {
                    Duration wait = rateLimiter.acquire(key.keyHash(), events.size());
                    if (!wait.isZero()) {
                        return Mono.error(new RateLimitedException(wait));
                    }
                    return publisher.publish(key.workspaceId(), events, traceParent)
                            // counted as accepted by the topology, once de-duplicated and published (IngestProcessor)
                            .doOnSuccess(done -> metrics.publishLatency(IngestMetrics.Path.HTTP, Duration.ofNanos(System.nanoTime() - start)))
                            .thenReturn(ResponseEntity.status(HttpStatus.ACCEPTED)
                                    .body(new Accepted(events.size(), events.stream().map(EventEnvelope::id).toList())));
                });
    }

    /**
     * The id for an event sent without one: random, or, under an {@code Idempotency-Key}, derived from the workspace,
     * the key and the event's position, so that a retried request yields the same ids and de-duplicates.
     */
    private static String idFor(String workspaceId, String idempotencyKey, int index) {
        return idempotencyKey == null || idempotencyKey.isBlank()
                ? Ids.newEventId()
                : Ids.derived(Ids.EVENT, workspaceId, idempotencyKey.trim(), Integer.toString(index));
    }

    private static InvalidEventsException tooLarge(long limit) {
        return new InvalidEventsException(HttpStatus.CONTENT_TOO_LARGE,
                "The request body is larger than " + limit + " bytes; send fewer events per request.",
                List.of(new FieldError("body", "larger than " + limit + " bytes", RejectCode.TOO_LARGE)));
    }
}
