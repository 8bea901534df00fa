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
    Rendering refused(ApiException e) {
        return Rendering.view("dashboard/error").status(e.status())
                .modelAttribute("status", e.status().value())
                .modelAttribute("title", e.title())
                .modelAttribute("detail", e.getMessage())
                .build();
    }

    /** Anything else: a plain error page, never a stack trace. */
    @ExceptionHandler
    Rendering failed(RuntimeException e) {
        if (e instanceof org.springframework.web.server.ResponseStatusException status) {
            HttpStatus code = HttpStatus.resolve(status.getStatusCode().value());
            return Rendering.view("dashboard/error").status(code == null ? HttpStatus.BAD_REQUEST : code)
                    .modelAttribute("status", status.getStatusCode().value())
                    .modelAttribute("title", code == null ? "Error" : code.getReasonPhrase())
                    .modelAttribute("detail", status.getReason() == null ? "The request was refused." : status.getReason())
                    .build();
        }
        org.slf4j.LoggerFactory.getLogger(DashboardAdvice.class).error("dashboard page failed", e);
        return Rendering.view("dashboard/error").status(HttpStatus.INTERNAL_SERVER_ERROR)
                .modelAttribute("status", 500).modelAttribute("title", "Something went wrong")
                .modelAttribute("detail", "The page could not be shown. Try again in a moment.").build();
    }
}
