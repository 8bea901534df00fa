package com.penguinmails.webhooks.management.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.BindingContext;
import org.springframework.web.reactive.result.method.HandlerMethodArgumentResolver;
import org.springframework.web.server.ServerWebExchange;

import com.penguinmails.webhooks.management.problem.ApiException;
import com.penguinmails.webhooks.model.ApiKeys;
import reactor.core.publisher.Mono;

/**
 * Resolves an {@link ApiPrincipal} controller parameter from {@code Authorization: Bearer <api key>}, or refuses the
 * request with 401, or with 429 when the key is over its rate. Every API endpoint takes one, so none can forget to
 * authenticate or escape the limit; the OpenAPI document and Swagger UI take none, so they need neither. Each
 * authentication also notes the key's {@code last_used_at}, written in the background at most once a minute per key.
 */
@Component
class ApiPrincipalResolver implements HandlerMethodArgumentResolver {

    private static final Logger log = LoggerFactory.getLogger(ApiPrincipalResolver.class);

    private final ApiKeyRepository keys;
    private final ApiKeyRateLimiter limiter;
    private final Clock clock;
    private final LastUsedThrottle lastUsed = new LastUsedThrottle(LastUsedThrottle.WRITE_INTERVAL);

    ApiPrincipalResolver(ApiKeyRepository keys, ApiKeyRateLimiter limiter, Clock clock) {
        this.keys = keys;
        this.limiter = limiter;
        this.clock = clock;
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ApiPrincipal.class;
    }

    @Override
    public Mono<Object> resolveArgument(MethodParameter parameter, BindingContext bindingContext, ServerWebExchange exchange) {
        String key = ApiKeys.fromAuthorizationHeader(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
        if (key == null) {
            return Mono.error(ApiException.unauthorized());
        }
        return keys.findActiveByHash(ApiKeys.hash(key))
                .switchIfEmpty(Mono.error(ApiException.unauthorized()))
                .map(active -> {
                    noteUse(active.principal().keyId());
                    Duration wait = limiter.acquire(active.principal().keyId(), active.rateLimitPerSecond());
                    if (!wait.isZero()) {
                        throw ApiException.tooManyRequests(wait);
                    }
                    return active.principal();
                });
    }

    /** Fire and forget: the request never waits for this write, and a failed write only leaves the time older. */
    private void noteUse(String keyId) {
        Instant now = clock.instant();
        if (lastUsed.shouldWrite(keyId, now)) {
            keys.touchLastUsed(keyId, now)
                    .subscribe(null, e -> log.warn("last_used_at of {} not written: {}", keyId, e.toString()));
        }
    }
}
