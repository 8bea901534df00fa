package com.penguinmails.webhooks.management.auth;

import java.time.Duration;

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
 * authenticate or escape the limit; the OpenAPI document and Swagger UI take none, so they need neither.
 */
@Component
class ApiPrincipalResolver implements HandlerMethodArgumentResolver {

    private final ApiKeyRepository keys;
    private final ApiKeyRateLimiter limiter;

    ApiPrincipalResolver(ApiKeyRepository keys, ApiKeyRateLimiter limiter) {
        this.keys = keys;
        this.limiter = limiter;
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
                    Duration wait = limiter.acquire(active.principal().keyId(), active.rateLimitPerSecond());
                    if (!wait.isZero()) {
                        throw ApiException.tooManyRequests(wait);
                    }
                    return active.principal();
                });
    }
}
