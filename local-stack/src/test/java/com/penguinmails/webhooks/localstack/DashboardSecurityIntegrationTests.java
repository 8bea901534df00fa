package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/**
 * The dashboard's guard over plain HTTP, status by status: sign-in, CSRF, the session cookie, roles and workspaces
 * refused on the server, and the rest of the application left exactly as it was (no session, no CSRF, no redirect).
 */
class DashboardSecurityIntegrationTests {

    private static final String COOKIE = DashboardHttp.COOKIE;

    private final WebTestClient http = WebTestClient.bindToServer().responseTimeout(Tour.WAIT).baseUrl(TestStack.get().apiUrl())
            .responseTimeout(Duration.ofSeconds(30)).build();

    @Test
    void theApiAndTheRestOfTheApplicationAreUntouched() {
        EntityExchangeResult<byte[]> refused = http.get().uri("/api/v1/platform/webhooks").exchange()
                .expectStatus().isUnauthorized().expectBody().returnResult();
        assertThat(refused.getResponseHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
        assertThat(refused.getResponseHeaders().getContentType().toString()).isEqualTo("application/problem+json");
        assertThat(refused.getResponseHeaders().get(HttpHeaders.SET_COOKIE)).isNull();
        // no security headers or session added to API answers; writes need no CSRF token
        EntityExchangeResult<byte[]> created = http.post().uri("/api/v1/platform/webhooks")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + TestStack.get().apiKey())
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "No CSRF here", "url", "https://example.com/api-untouched", "events", List.of("email.sent")))
                .exchange().expectStatus().isCreated().expectBody().returnResult();
        assertThat(created.getResponseHeaders().get(HttpHeaders.SET_COOKIE)).isNull();
        assertThat(created.getResponseHeaders().get("X-Frame-Options")).isNull();
        http.get().uri("/actuator/health").exchange().expectStatus().isOk();
        http.get().uri("/api/v1/platform/webhooks/events").exchange().expectStatus().isOk();
        http.get().uri("/v3/api-docs").exchange().expectStatus().isOk();
        http.post().uri("/inspector/untouched").bodyValue("{}").exchange().expectStatus().isOk();
        http.get().uri("/webjars/htmx.org/dist/htmx.min.js").exchange().expectStatus().isOk();
        http.get().uri("/webjars/chart.js/dist/chart.umd.js").exchange().expectStatus().isOk();
    }

    @Test
    void pagesNeedASignedInUserAndTheSignInNeedsTheRightPasswordAndItsCsrfToken() {
        DashboardWorkspace workspace = DashboardWorkspace.create();
        http.get().uri("/dashboard/settings/webhooks").exchange().expectStatus().isFound()
                .expectHeader().location("/dashboard/login");

        EntityExchangeResult<byte[]> login = http.get().uri("/dashboard/login").exchange().expectStatus().isOk().expectBody().returnResult();
        String cookie = login.getResponseCookies().getFirst(COOKIE).getValue();
        String token = DashboardHttp.csrf(login);
        // no token: refused before the password is looked at
        http.post().uri("/dashboard/login").cookie(COOKIE, cookie)
                .body(BodyInserters.fromFormData("username", workspace.adminEmail()).with("password", workspace.password()))
                .exchange().expectStatus().isForbidden();
        // a wrong password
        http.post().uri("/dashboard/login").cookie(COOKIE, cookie)
                .body(BodyInserters.fromFormData("username", workspace.adminEmail()).with("password", "wrong").with("_csrf", token))
                .exchange().expectStatus().isFound().expectHeader().location("/dashboard/login?error");
        // the right one: a new session (fixation), HttpOnly, SameSite=Lax, for the dashboard only
        EntityExchangeResult<byte[]> signedIn = http.post().uri("/dashboard/login").cookie(COOKIE, cookie)
                .body(BodyInserters.fromFormData("username", workspace.adminEmail().toUpperCase()).with("password", workspace.password()).with("_csrf", token))
                .exchange().expectStatus().isFound().expectBody().returnResult();
        assertThat(signedIn.getResponseHeaders().getLocation().getPath()).isEqualTo("/dashboard/settings/webhooks");
        ResponseCookie session = signedIn.getResponseCookies().getFirst(COOKIE);
        assertThat(session.getValue()).isNotEqualTo(cookie);
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");
        assertThat(session.getPath()).isEqualTo("/dashboard");
        http.get().uri("/dashboard/settings/webhooks").cookie(COOKIE, session.getValue()).exchange().expectStatus().isOk();
        http.get().uri("/dashboard/settings/webhooks").cookie(COOKIE, cookie).exchange().expectStatus().isFound();
    }

    @Test
    void passwordsAreStoredAsBcryptHashesAndTheDemoAdminHasOne() throws Exception {
        try (var db = TestStack.database();
             var query = db.prepareStatement("select password_hash from users where workspace_id = 'ws_demo' and email = ?")) {
            query.setString(1, TestStack.get().dashboardEmail());
            try (ResultSet rows = query.executeQuery()) {
                assertThat(rows.next()).isTrue();
                String hash = rows.getString(1);
                assertThat(hash).startsWith("{bcrypt}$2").doesNotContain(TestStack.get().dashboardPassword());
            }
        }
    }

    @Test
    void formsWithoutTheirCsrfTokenAreRefused() {
        DashboardWorkspace workspace = DashboardWorkspace.create();
        String id = workspace.createWebhook(Map.of("name", "Guarded", "url", "https://example.com/guarded", "events", List.of("email.sent")))
                .get("id").asString();
        DashboardHttp.Session admin = signIn(workspace.adminEmail(), workspace.password());
        http.post().uri("/dashboard/settings/webhooks/{id}/pause", id).cookie(COOKIE, admin.cookie())
                .exchange().expectStatus().isForbidden();
        http.post().uri("/dashboard/settings/webhooks/{id}/pause", id).cookie(COOKIE, admin.cookie())
                .body(BodyInserters.fromFormData("_csrf", "forged")).exchange().expectStatus().isForbidden();
        assertThat(status(workspace, id)).isEqualTo("active");
        http.post().uri("/dashboard/settings/webhooks/{id}/pause", id).cookie(COOKIE, admin.cookie())
                .body(BodyInserters.fromFormData("_csrf", admin.csrf())).exchange().expectStatus().isSeeOther();
        assertThat(status(workspace, id)).isEqualTo("paused");
    }

    @Test
    void aDeveloperIsRefusedAdminOnlyActionsOnTheServer() {
        DashboardWorkspace workspace = DashboardWorkspace.create();
        String id = workspace.createWebhook(Map.of("name", "Not theirs to delete", "url", "https://example.com/dev", "events", List.of("email.sent")))
                .get("id").asString();
        DashboardHttp.Session developer = signIn(workspace.developerEmail(), workspace.password());
        String page = new String(http.get().uri("/dashboard/settings/webhooks/{id}", id).cookie(COOKIE, developer.cookie()).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8);
        assertThat(page).doesNotContain("/delete");
        String refused = new String(http.post().uri("/dashboard/settings/webhooks/{id}/delete", id).cookie(COOKIE, developer.cookie())
                .body(BodyInserters.fromFormData("_csrf", developer.csrf())).exchange()
                .expectStatus().isForbidden().expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8);
        assertThat(refused).contains("Only an admin");
        assertThat(status(workspace, id)).isEqualTo("active");

        DashboardHttp.Session admin = signIn(workspace.adminEmail(), workspace.password());
        http.post().uri("/dashboard/settings/webhooks/{id}/delete", id).cookie(COOKIE, admin.cookie())
                .body(BodyInserters.fromFormData("_csrf", admin.csrf())).exchange().expectStatus().isSeeOther();
        workspace.api().get().uri("/api/v1/platform/webhooks/{id}", id).exchange().expectStatus().isNotFound();
    }

    /**
     * Every dashboard route that names a webhook, for another workspace's webhook: 404, and nothing changes. The routes
     * are read from management-api's handler mapping, so a page added later without a check here fails the test.
     */
    @Test
    void anotherWorkspacesWebhookIsNotFoundOnEveryPageAndAction() {
        DashboardWorkspace ours = DashboardWorkspace.create();
        DashboardWorkspace theirs = DashboardWorkspace.create();
        String id = theirs.createWebhook(Map.of("name", "Theirs", "url", "https://example.com/theirs", "events", List.of("email.sent")))
                .get("id").asString();
        DashboardHttp.Session admin = signIn(ours.adminEmail(), ours.password());
        String hook = "/dashboard/settings/webhooks/" + id;
        List<String> pages = List.of(hook, hook + "/edit", hook + "/deliveries", hook + "/deliveries/rows", hook + "/test",
                hook + "/deliveries.csv", hook + "/deliveries/dlv_theirs", hook + "/events/evt_theirs", hook + "/replays/rpl_theirs");
        List<String> actions = List.of(hook + "/edit", hook + "/pause", hook + "/resume", hook + "/delete", hook + "/rotate-secret",
                hook + "/test", hook + "/deliveries/retry-failed", hook + "/deliveries/archive-failed",
                hook + "/deliveries/dlv_theirs/retry", hook + "/replays", hook + "/replays/rpl_theirs/cancel");
        Map<String, Integer> answered = new java.util.LinkedHashMap<>();
        for (String page : pages) {
            answered.put("GET " + page, http.get().uri(page).cookie(COOKIE, admin.cookie()).exchange()
                    .returnResult(byte[].class).getStatus().value());
        }
        for (String action : actions) {
            answered.put("POST " + action, http.post().uri(action).cookie(COOKIE, admin.cookie())
                    .body(BodyInserters.fromFormData("_csrf", admin.csrf()).with("name", "taken over").with("url", "https://example.com/x")
                            .with("events", "email.sent").with("event_type", "email.sent")
                            // a valid range: the replay form is validated before the webhook is looked up
                            .with("from", java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusHours(2).withNano(0).toString())
                            .with("to", java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).minusHours(1).withNano(0).toString()))
                    .exchange().returnResult(byte[].class).getStatus().value());
        }
        assertThat(answered).as("another workspace's webhook").allSatisfy((call, status) -> assertThat(status).as(call).isEqualTo(404));
        assertThat(status(theirs, id)).isEqualTo("active");

        var routes = TestStack.get().bean("management-api", org.springframework.web.reactive.DispatcherHandler.class).getHandlerMappings()
                .stream().filter(org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping.class::isInstance)
                .map(org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping.class::cast)
                .flatMap(mapping -> mapping.getHandlerMethods().keySet().stream()).toList();
        assertThat(routes).as("the routes of management-api").hasSizeGreaterThan(30);
        List<String> uncovered = new java.util.ArrayList<>();
        for (var route : routes) {
            var methods = route.getMethodsCondition().getMethods();
            for (var pattern : route.getPatternsCondition().getPatterns()) {
                if (!pattern.getPatternString().startsWith("/dashboard") || !pattern.getPatternString().contains("{")) {
                    continue;
                }
                for (String method : methods.isEmpty() ? List.of("GET") : methods.stream().map(Enum::name).toList()) {
                    List<String> called = method.equals("GET") ? pages : actions;
                    if (called.stream().noneMatch(path -> pattern.matches(org.springframework.http.server.PathContainer.parsePath(path)))) {
                        uncovered.add(method + " " + pattern.getPatternString());
                    }
                }
            }
        }
        assertThat(uncovered).as("dashboard routes with an id not checked against another workspace").isEmpty();
    }

    /** Signs in as a browser would, and reads a CSRF token from the first page. */
    private DashboardHttp.Session signIn(String email, String password) {
        return DashboardHttp.session(http, email, password);
    }

    private static String status(DashboardWorkspace workspace, String id) {
        return com.penguinmails.webhooks.model.Json.mapper().readTree(workspace.api().get().uri("/api/v1/platform/webhooks/{id}", id)
                .exchange().expectStatus().isOk().expectBody().returnResult().getResponseBody()).get("status").asString();
    }
}
