package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseCookie;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Password guessing on the dashboard's sign-in: after five wrong passwords for an address, even the right one is
 * refused without being checked, and the page says why; other addresses sign in as before.
 */
class DashboardSignInThrottleIntegrationTests {

    private static final String COOKIE = DashboardHttp.COOKIE;

    @Test
    void fiveWrongPasswordsLockTheAddressEvenAgainstTheRightOneWhileOthersSignIn() {
        String workspace = "ws_throttle_" + UUID.randomUUID().toString().substring(0, 8);
        TestStack.newApiKey(workspace);
        String password = "pw-" + UUID.randomUUID();
        String guessed = "guessed-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String other = "other-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        DashboardWorkspace.addUser(workspace, guessed, "Guessed", "admin", password);
        DashboardWorkspace.addUser(workspace, other, "Other", "admin", password);

        for (int i = 0; i < 5; i++) {
            assertThat(signIn(guessed, "wrong-" + i).getResponseHeaders().getLocation()).hasToString("/dashboard/login?error");
        }
        EntityExchangeResult<byte[]> locked = signIn(guessed.toUpperCase(), password);
        assertThat(locked.getResponseHeaders().getLocation()).hasToString("/dashboard/login?locked");
        assertThat(signedIn(locked)).as("a session after the right password while locked").isFalse();
        String page = new String(http().get().uri("/dashboard/login?locked").exchange().expectStatus().isOk()
                .expectBody().returnResult().getResponseBody(), StandardCharsets.UTF_8);
        assertThat(page).contains("Too many failed sign-ins");

        EntityExchangeResult<byte[]> otherSignIn = signIn(other, password);
        assertThat(otherSignIn.getResponseHeaders().getLocation()).hasToString("/dashboard/settings/webhooks");
        assertThat(signedIn(otherSignIn)).isTrue();
    }

    private static WebTestClient http() {
        return WebTestClient.bindToServer().baseUrl(TestStack.get().apiUrl()).responseTimeout(Tour.WAIT).build();
    }

    /** Posts the sign-in form as a browser would (with the page's CSRF token and cookie); expects a redirect. */
    private static EntityExchangeResult<byte[]> signIn(String email, String password) {
        EntityExchangeResult<byte[]> answer = DashboardHttp.signIn(http(), email, password);
        assertThat(answer.getStatus().is3xxRedirection()).as("sign-in of %s answered %s", email, answer.getStatus()).isTrue();
        return answer;
    }

    /** Whether the answer's session cookie opens the dashboard. */
    private static boolean signedIn(EntityExchangeResult<byte[]> signIn) {
        ResponseCookie cookie = signIn.getResponseCookies().getFirst(COOKIE);
        if (cookie == null) {
            return false;
        }
        return http().get().uri("/dashboard/settings/webhooks").cookie(COOKIE, cookie.getValue()).exchange()
                .returnResult(byte[].class).getStatus().value() == 200;
    }
}
