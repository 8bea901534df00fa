package com.penguinmails.webhooks.management.auth;

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
 * request with 401. Every API endpoint takes one, so none can forget to authenticate.
 */
@Component
class ApiPrincipalResolver implements HandlerMethodArgumentResolver {

    private final ApiKeyRepository keys;

    ApiPrincipalResolver(ApiKeyRepository keys) {
        this.keys = keys;
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
                .cast(Object.class)
                .switchIfEmpty(Mono.error(ApiException.unauthorized()));
    }
}
