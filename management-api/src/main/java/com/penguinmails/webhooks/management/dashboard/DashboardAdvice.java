package com.penguinmails.webhooks.management.dashboard;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.reactive.result.view.CsrfRequestDataValueProcessor;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;

import com.penguinmails.webhooks.management.problem.ApiException;
import reactor.core.publisher.Mono;

/**
 * What every dashboard page needs: the CSRF token for its forms and htmx requests, the signed-in user, and refusals
 * of the API (404 for another workspace's webhook, 403 for a developer's admin-only action) shown as a page with the
 * API's own words and status. Ordered before the API's problem advice, for the dashboard's controllers only.
 */
@ControllerAdvice(basePackageClasses = DashboardAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class DashboardAdvice {

    @ModelAttribute("csrfToken")
    Mono<CsrfToken> csrfToken(ServerWebExchange exchange) {
        Mono<CsrfToken> token = exchange.getAttribute(CsrfToken.class.getName());
        return token == null ? Mono.empty() : token.doOnSuccess(t -> {
            if (t != null) {
                exchange.getAttributes().put(CsrfRequestDataValueProcessor.DEFAULT_CSRF_ATTR_NAME, t);
            }
        });
    }

    @ModelAttribute("currentUser")
    DashboardUser currentUser(@AuthenticationPrincipal DashboardUser user) {
        return user;
    }

    @ExceptionHandler
    Mono<Rendering> refused(ApiException e, ServerWebExchange exchange) {
        return page(exchange, e.status(), e.title(), e.getMessage());
    }

    /** Anything else: a plain error page, never a stack trace. */
    @ExceptionHandler
    Mono<Rendering> failed(RuntimeException e, ServerWebExchange exchange) {
        if (e instanceof org.springframework.web.server.ResponseStatusException refused) {
            HttpStatus status = HttpStatus.resolve(refused.getStatusCode().value());
            HttpStatus shown = status == null ? HttpStatus.BAD_REQUEST : status;
            return page(exchange, shown, shown.getReasonPhrase(), refused.getReason() == null ? "The request was refused." : refused.getReason());
        }
        org.slf4j.LoggerFactory.getLogger(DashboardAdvice.class).error("dashboard page failed", e);
        return page(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong", "The page could not be shown. Try again in a moment.");
    }

    /** The error page, with the sidebar's user and sign-out form: an exception handler gets no model attributes. */
    private Mono<Rendering> page(ServerWebExchange exchange, HttpStatus status, String title, String detail) {
        Mono<java.util.Optional<CsrfToken>> token = csrfToken(exchange).map(java.util.Optional::of).defaultIfEmpty(java.util.Optional.empty());
        Mono<java.util.Optional<DashboardUser>> user = exchange.getPrincipal()
                .map(principal -> principal instanceof org.springframework.security.core.Authentication auth
                        && auth.getPrincipal() instanceof DashboardUser signedIn ? java.util.Optional.of(signedIn) : java.util.Optional.<DashboardUser>empty())
                .defaultIfEmpty(java.util.Optional.empty());
        return Mono.zip(token, user).map(both -> {
            Rendering.Builder<?> page = Rendering.view("dashboard/error").status(status)
                    .modelAttribute("status", status.value())
                    .modelAttribute("title", title)
                    .modelAttribute("detail", detail);
            both.getT1().ifPresent(t -> page.modelAttribute("csrfToken", t));
            both.getT2().ifPresent(u -> page.modelAttribute("currentUser", u));
            return page.build();
        });
    }
}
