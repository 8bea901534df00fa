package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

/** The dashboard over plain HTTP, as a browser uses it: the session cookie, CSRF tokens and the sign-in form. */
final class DashboardHttp {

    static final String COOKIE = "PM_DASHBOARD_SESSION";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private DashboardHttp() {
    }

    /** A signed-in browser, reduced to its cookie and the CSRF token of the last page it read. */
    record Session(String cookie, String csrf) {
    }

    /** Signs in (which must succeed) and reads the overview for the session's CSRF token. */
    static Session session(WebTestClient http, String email, String password) {
        EntityExchangeResult<byte[]> signedIn = signIn(http, email, password);
        assertThat(signedIn.getStatus().value()).as("sign-in of %s", email).isEqualTo(302);
        String session = signedIn.getResponseCookies().getFirst(COOKIE).getValue();
        EntityExchangeResult<byte[]> page = http.get().uri("/dashboard/settings/webhooks").cookie(COOKIE, session).exchange()
                .expectStatus().isOk().expectBody().returnResult();
        return new Session(session, csrf(page));
    }

    /** The CSRF token of a page's forms. */
    static String csrf(EntityExchangeResult<byte[]> page) {
        Matcher token = CSRF.matcher(new String(page.getResponseBody(), StandardCharsets.UTF_8));
        assertThat(token.find()).as("a CSRF field on the page").isTrue();
        return token.group(1);
    }

    /**
     * Reads the sign-in page and posts its form with the page's cookie and CSRF token; the post's answer, whatever its
     * status (the caller checks it), with the session cookie of a successful sign-in.
     */
    static EntityExchangeResult<byte[]> signIn(WebTestClient http, String email, String password) {
        EntityExchangeResult<byte[]> login = http.get().uri("/dashboard/login").exchange().expectStatus().isOk().expectBody().returnResult();
        return http.post().uri("/dashboard/login").cookie(COOKIE, login.getResponseCookies().getFirst(COOKIE).getValue())
                .body(BodyInserters.fromFormData("username", email).with("password", password).with("_csrf", csrf(login)))
                .exchange().expectBody().returnResult();
    }
}
