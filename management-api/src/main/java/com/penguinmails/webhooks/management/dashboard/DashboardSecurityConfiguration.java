package com.penguinmails.webhooks.management.dashboard;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.WebFilterExchange;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationFailureHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;

import reactor.core.publisher.Mono;

/**
 * Who may use the dashboard. Only {@code /dashboard/**} is guarded: form login against the {@code users} table, a
 * session cookie (HttpOnly, SameSite=Lax, scoped to {@code /dashboard}) and CSRF tokens on every form; failed
 * sign-ins are throttled per e-mail address ({@link SignInThrottle}). Everything else
 * (the API with its API keys, {@code /v1}, the actuator, the OpenAPI document, the inspector, static files) passes
 * through a second chain that lets every request by and adds nothing, so the API behaves exactly as without Spring
 * Security.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class DashboardSecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DashboardSecurityConfiguration.class);

    static final String HOME = "/dashboard/settings/webhooks";
    static final String LOGIN = "/dashboard/login";
    static final String LOGOUT = "/dashboard/logout";
    static final String SESSION_COOKIE = "PM_DASHBOARD_SESSION";

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityWebFilterChain dashboardSecurity(ServerHttpSecurity http, DashboardUserRepository users, Clock clock,
                                             SignInThrottle throttle) {
        return http
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/dashboard", "/dashboard/**"))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(LOGIN).permitAll()
                        .anyExchange().authenticated())
                // after the CSRF check, before the password is looked at
                .addFilterBefore(refuseWhileLocked(throttle), SecurityWebFiltersOrder.FORM_LOGIN)
                .formLogin(form -> form.loginPage(LOGIN)
                        .authenticationSuccessHandler(noteLogin(users, clock, throttle))
                        .authenticationFailureHandler(countFailure(throttle)))
                .logout(logout -> logout.logoutUrl(LOGOUT).logoutSuccessHandler(loggedOut()))
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .build();
    }

    /** The rest of the application is untouched: no authentication, no session, no CSRF, no added headers. */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    SecurityWebFilterChain everythingElse(ServerHttpSecurity http) {
        return http
                .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .headers(ServerHttpSecurity.HeaderSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .build();
    }

    /** Hashes carry their algorithm ({@code {bcrypt}…}), so a stronger default can take over hash by hash. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    ReactiveUserDetailsService dashboardUsers(DashboardUserRepository users) {
        return username -> users.findLogin(username).cast(org.springframework.security.core.userdetails.UserDetails.class);
    }

    /** The session cookie: never readable by scripts, not sent on cross-site requests, only sent to the dashboard. */
    @Bean
    WebSessionIdResolver webSessionIdResolver() {
        CookieWebSessionIdResolver resolver = new CookieWebSessionIdResolver();
        resolver.setCookieName(SESSION_COOKIE);
        resolver.addCookieInitializer(cookie -> cookie.path("/dashboard").httpOnly(true).sameSite("Lax"));
        return resolver;
    }

    /**
     * A sign-in for an address with too many recent failures is sent back to the sign-in page, which says so, without
     * its password being checked.
     */
    private static WebFilter refuseWhileLocked(SignInThrottle throttle) {
        ServerWebExchangeMatcher signIn = ServerWebExchangeMatchers.pathMatchers(HttpMethod.POST, LOGIN);
        RedirectServerAuthenticationFailureHandler locked = new RedirectServerAuthenticationFailureHandler(LOGIN + "?locked");
        return (exchange, chain) -> signIn.matches(exchange).flatMap(match -> !match.isMatch() ? chain.filter(exchange)
                : exchange.getFormData().map(form -> java.util.Objects.requireNonNullElse(form.getFirst("username"), ""))
                        .defaultIfEmpty("")
                        .flatMap(username -> {
                            Duration wait = throttle.lockedFor(username);
                            if (wait.isZero()) {
                                return chain.filter(exchange);
                            }
                            log.warn("dashboard sign-in refused: too many failed attempts for this address; next try in {} s",
                                    wait.toSeconds() + 1);
                            return locked.onAuthenticationFailure(new WebFilterExchange(exchange, chain),
                                    new LockedException("too many failed sign-ins"));
                        }));
    }

    private static ServerAuthenticationFailureHandler countFailure(SignInThrottle throttle) {
        RedirectServerAuthenticationFailureHandler redirect = new RedirectServerAuthenticationFailureHandler(LOGIN + "?error");
        return (webFilterExchange, exception) -> webFilterExchange.getExchange().getFormData()
                .doOnNext(form -> throttle.failed(form.getFirst("username")))
                .then(redirect.onAuthenticationFailure(webFilterExchange, exception));
    }

    private static ServerAuthenticationSuccessHandler noteLogin(DashboardUserRepository users, Clock clock, SignInThrottle throttle) {
        RedirectServerAuthenticationSuccessHandler redirect = new RedirectServerAuthenticationSuccessHandler(HOME);
        return (exchange, authentication) -> {
            throttle.succeeded(authentication.getName());
            Mono<Void> note = authentication.getPrincipal() instanceof DashboardUser user
                    ? users.noteLogin(user.id(), clock.instant())
                            .onErrorResume(e -> {
                                log.warn("last_login_at of {} not written: {}", user.id(), e.toString());
                                return Mono.empty();
                            })
                    : Mono.empty();
            return note.then(redirect.onAuthenticationSuccess(exchange, authentication));
        };
    }

    private static RedirectServerLogoutSuccessHandler loggedOut() {
        RedirectServerLogoutSuccessHandler handler = new RedirectServerLogoutSuccessHandler();
        handler.setLogoutSuccessUrl(URI.create(LOGIN + "?logout"));
        return handler;
    }
}
