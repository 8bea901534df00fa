package com.penguinmails.webhooks.ingest.event;

import java.util.List;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import com.penguinmails.webhooks.ingest.IngestProperties;
import com.penguinmails.webhooks.ingest.auth.ApiKeyAuthenticator;
import com.penguinmails.webhooks.model.ApiKeyRecord;
import com.penguinmails.webhooks.model.EventEnvelope;
import reactor.core.publisher.Mono;

/** {@code POST /api/v1/events}: one event or a JSON array of events, published once all of them are valid. */
@RestController
@RequestMapping("/api/v1/events")
class EventController {

    private final ApiKeyAuthenticator authenticator;
    private final EventValidator validator;
    private final EventPublisher publisher;
    private final IngestProperties properties;

    EventController(ApiKeyAuthenticator authenticator, EventValidator validator, EventPublisher publisher,
                    IngestProperties properties) {
        this.authenticator = authenticator;
        this.validator = validator;
        this.publisher = publisher;
        this.properties = properties;
    }

    /** What the caller gets back: how many events were accepted and their ids, in request order. */
    record Accepted(int accepted, List<String> ids) {
    }

    @PostMapping
    Mono<ResponseEntity<Accepted>> publish(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                           ServerWebExchange exchange) {
        ApiKeyRecord key = authenticator.authenticate(authorization).orElseThrow(UnauthorizedException::new);
        long limit = properties.maxBodySize().toBytes();
        if (exchange.getRequest().getHeaders().getContentLength() > limit) {
            return Mono.error(tooLarge(limit));
        }
        return DataBufferUtils.join(exchange.getRequest().getBody(), (int) Math.min(limit, Integer.MAX_VALUE))
                .onErrorMap(DataBufferLimitException.class, e -> tooLarge(limit))
                .map(EventController::bytes)
                .defaultIfEmpty(new byte[0])
                .map(validator::validate)
                .flatMap(events -> publisher.publish(key.workspaceId(), events)
                        .thenReturn(ResponseEntity.status(HttpStatus.ACCEPTED)
                                .body(new Accepted(events.size(), events.stream().map(EventEnvelope::id).toList()))));
    }

    private static byte[] bytes(DataBuffer buffer) {
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    private static InvalidEventsException tooLarge(long limit) {
        return new InvalidEventsException(HttpStatus.CONTENT_TOO_LARGE,
                "The request body is larger than " + limit + " bytes; send fewer events per request.",
                List.of(new FieldError("body", "larger than " + limit + " bytes")));
    }
}
