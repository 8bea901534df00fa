package com.penguinmails.webhooks.management.dashboard;

import java.net.URI;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.ReactiveUserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.ServerAuthenticationSuccessHandler;
import org.springframework.security.web.server.authentication.logout.RedirectServerLogoutSuccessHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;
import org.springframework.web.server.session.CookieWebSessionIdResolver;
import org.springframework.web.server.session.WebSessionIdResolver;

import reactor.core.publisher.Mono;

/**
 * Who may use the dashboard. Only {@code /dashboard/**} is guarded: form login against the {@code users} table, a
 * session cookie (HttpOnly, SameSite=Lax, scoped to {@code /dashboard}) and CSRF tokens on every form. Everything else
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
    SecurityWebFilterChain dashboardSecurity(ServerHttpSecurity http, DashboardUserRepository users, Clock clock) {
        return http
                .securityMatcher(ServerWebExchangeMatchers.pathMatchers("/dashboard", "/dashboard/**"))
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers(LOGIN).permitAll()
                        .anyExchange().authenticated())
                .formLogin(form -> form.loginPage(LOGIN).authenticationSuccessHandler(noteLogin(users, clock)))
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

    private static ServerAuthenticationSuccessHandler noteLogin(DashboardUserRepository users, Clock clock) {
        RedirectServerAuthenticationSuccessHandler redirect = new RedirectServerAuthenticationSuccessHandler(HOME);
        return (exchange, authentication) -> {
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
