package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.signing.PenguinSignature;
import tools.jackson.databind.JsonNode;

/**
 * The dashboard's journeys (issue #9) in a real headless Chromium against the local stack: sign in, create a webhook
 * at the inspector and copy its secret, test it, watch deliveries come in, retry a failed one, pause and resume,
 * rotate the secret, export CSV, replay a time range, edit a webhook without losing what was not touched, and a
 * developer kept from admin-only actions. Each page it visits is saved to {@code target/screenshots/}.
 */
class DashboardBrowserIntegrationTests extends BrowserTests {

    @Test
    void theDemoAdminSignsInWithThePrintedCredentialsIntoAnHttpOnlySameSiteSession() {
        LocalStack stack = TestStack.get();
        assertThat(LocalStackApplication.banner(stack)).contains(stack.dashboardEmail()).contains(stack.dashboardPassword())
                .contains("/dashboard/settings/webhooks");

        browser.signOut();
        browser.get("/dashboard/settings/webhooks");
        // not signed in: sent to the sign-in page
        browser.until(ExpectedConditions.urlContains("/dashboard/login"));
        browser.screenshot("01-login");
        browser.signInAndWait(stack.dashboardEmail(), stack.dashboardPassword());
        assertThat(browser.byId("current-role").getText()).isEqualTo("admin");

        Cookie session = browser.driver().manage().getCookieNamed("PM_DASHBOARD_SESSION");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Lax");
        assertThat(session.getPath()).isEqualTo("/dashboard");
        // scripts cannot read it
        assertThat((String) browser.script("return document.cookie")).doesNotContain("PM_DASHBOARD_SESSION");

        browser.click(By.id("logout"));
        browser.until(ExpectedConditions.urlContains("/dashboard/login?logout"));
        browser.get("/dashboard/settings/webhooks/events");
        browser.until(ExpectedConditions.urlContains("/dashboard/login"));
    }

    @Test
    void aWrongPasswordIsRefusedOnTheSignInPage() {
        DashboardWorkspace workspace = DashboardWorkspace.create();
        browser.signIn(workspace.adminEmail(), "not the password");
        assertThat(browser.byId("login-error").getText()).contains("Wrong e-mail address or password");
        assertThat(browser.path()).isEqualTo("/dashboard/login");
        browser.screenshot("02-login-refused");
        browser.get("/dashboard/settings/webhooks");
        browser.until(ExpectedConditions.urlContains("/dashboard/login"));
    }

    @Test
    void createsAWebhookAtTheInspectorCopiesItsSecretAndSendsATestEvent() throws Exception {
        DashboardWorkspace workspace = DashboardWorkspace.create();
        browser.signInAndWait(workspace.adminEmail(), workspace.password());
        assertThat(browser.byId("empty-state").getText()).contains("No webhooks yet");
        browser.screenshot("03-overview-empty");

        browser.click(By.id("create-webhook"));
        browser.byId("webhook-form");
        browser.screenshot("04-create");
        String inspector = "dash-" + UUID.randomUUID().toString().substring(0, 8);
        String url = TestStack.get().apiUrl() + "/inspector/" + inspector;
        browser.type("name", "CRM Contact Sync");
        browser.type("description", "Pushes engagement to the CRM");
        // a plain-HTTP public URL is refused: the API's message appears next to the URL field
        browser.type("url", "http://example.com/hook");
        browser.click(By.cssSelector("[data-select='none']"));
        browser.type("timeout_seconds", "45");
        browser.click(By.id("save-webhook"));
        assertThat(browser.byId("url-error").getText()).containsIgnoringCase("https");
        assertThat(browser.byId("events-error").getText()).isNotBlank();
        assertThat(browser.byId("timeout_seconds-error").getText()).contains("between 1 and 30");
        assertThat(browser.byId("name").getAttribute("value")).isEqualTo("CRM Contact Sync");
        browser.screenshot("05-create-refused");

        browser.type("url", url);
        browser.type("timeout_seconds", "5");
        browser.click(By.cssSelector("[data-select='email']"));
        assertThat(browser.byId("events-count").getText()).isEqualTo("8");
        browser.click(By.id("save-webhook"));

        String id = browser.byId("webhook-id").getText();
        assertThat(id).startsWith("wh_");
        String shown = browser.byId("secret").getText();
        browser.click(By.id("copy-secret"));
        String copied = browser.until(d -> d.findElement(By.id("copy-secret")).getAttribute("data-copied"));
        assertThat(copied).isEqualTo(shown).startsWith("whsec_");
        browser.screenshot("06-created-secret-once");

        browser.click(By.id("next-test"));
        new Select(browser.byId("event_type")).selectByValue("email.opened");
        assertThat(browser.byId("payload").getAttribute("value")).contains("email_id");
        browser.screenshot("07-test");
        browser.click(By.id("send-test"));
        WebElement outcome = browser.byId("test-outcome");
        assertThat(outcome.getText()).contains("Test successful");
        assertThat(browser.byId("test-status").getText()).isEqualTo("Status: 200");
        assertThat(browser.byId("test-response-body").getText()).isEqualTo("OK");
        assertThat(browser.byId("test-request").getText()).contains("X-PenguinMails-Signature");
        browser.screenshot("08-test-result");
        // the code examples are there in four languages
        browser.click(By.id("tab-python"));
        assertThat(browser.byId("snippet-python").getText()).contains("hmac.compare_digest");

        // the copied secret verifies the signature of what the inspector received
        byte[] body = fetch("/inspector/" + inspector + "/latest/body").body();
        JsonNode received = Json.mapper().readTree(fetch("/inspector/" + inspector + "/requests").body()).get("data").get(0);
        assertThat(PenguinSignature.verify(copied, body, received.get("headers").get("x-penguinmails-signature").asString())).isTrue();
        assertThat(Json.mapper().readTree(body).get("type").asString()).isEqualTo("email.opened");

        browser.get("/dashboard/settings/webhooks");
        WebElement card = browser.byId("card-" + id);
        assertThat(card.getText()).contains("CRM Contact Sync").contains("Active");
        browser.screenshot("09-overview");
    }

    @Test
    void testsANewWebhookBeforeItGoesLiveAndActivatesItAfterward() throws Exception {
        DashboardWorkspace workspace = DashboardWorkspace.create();
        try (TestReceiver receiver = TestReceiver.start(503)) {
            browser.signInAndWait(workspace.adminEmail(), workspace.password());
            browser.get("/dashboard/settings/webhooks/create");
            browser.type("name", "Tested first");
            browser.type("url", receiver.url("/first"));
            browser.click(By.cssSelector("[data-select='none']"));
            browser.click(By.id("event-contact.created"));
            browser.type("workspaces", workspace.id());
            browser.click(By.id("test_first"));
            browser.click(By.id("save-webhook"));

            // saved paused, tested at once: the endpoint failed, so it is not live yet
            String id = browser.byId("webhook-id").getText();
            assertThat(browser.byId("test-outcome").getText()).contains("Test failed").contains("503");
            assertThat(browser.byId("activate").getText()).isEqualTo("Activate anyway");
            assertThat(status(workspace, id)).isEqualTo("paused");
            browser.screenshot("06b-created-tested-first");
            browser.click(By.id("retry-test"));
            browser.until(d -> d.findElement(By.id("test-outcome")).getText().contains("Test successful") ? true : null);
            assertThat(receiver.received()).hasSize(2);
            assertThat(Json.mapper().readTree(receiver.received().getFirst().body()).get("type").asString()).isEqualTo("contact.created");

            browser.click(By.id("activate"));
            browser.until(ExpectedConditions.urlContains("/dashboard/settings/webhooks/" + id));
            assertThat(browser.byId("pause").isDisplayed()).isTrue();
            assertThat(status(workspace, id)).isEqualTo("active");
            // the workspace filter of step 3 was saved
            workspace.api().get().uri("/api/v1/platform/webhooks/{id}", id).exchange().expectStatus().isOk()
                    .expectBody().jsonPath("$.filters.workspaces[0]").isEqualTo(workspace.id());
        }
    }

    @Test
    void deliveriesAppearAfterIngestAndFailedOnesAreRetriedExportedAndSummarised() throws Exception {
        DashboardWorkspace workspace = DashboardWorkspace.create();
        try (TestReceiver receiver = TestReceiver.start(500, 500)) {
            String id = workspace.createWebhook(Map.of("name", "Campaign feed", "url", receiver.url("/dash-log"),
                    "events", List.of("campaign.paused"), "retries_enabled", false)).get("id").asString();
            browser.signInAndWait(workspace.adminEmail(), workspace.password());
            workspace.publish(List.of(paused("camp_one"), paused("camp_two")));

            browser.get("/dashboard/settings/webhooks/" + id + "/deliveries");
            browser.reloadUntil(By.cssSelector("tr.delivery-row[data-status='failed'] + tr ~ tr.delivery-row[data-status='failed']"));
            assertThat(browser.byId("failed-summary").getText()).contains("2 exhausted retries").contains("500 Internal Server Error (2 occurrences)");

            // open the first failed delivery: its request and the receiver's answer
            WebElement row = browser.find(By.cssSelector("tr.delivery-row[data-status='failed']"));
            String deliveryId = row.getAttribute("data-delivery-id");
            row.findElement(By.tagName("summary")).click();
            WebElement detail = browser.byId("detail-" + deliveryId);
            assertThat(detail.findElement(By.className("request-body")).getText()).contains("campaign.paused");
            assertThat(detail.findElement(By.className("response")).getText()).contains("500").contains("scripted failure 500");
            browser.screenshot("10-deliveries-failed-expanded");

            detail.findElement(By.className("retry-now")).click();
            assertThat(browser.byId("notice").getText()).contains("Retry of " + deliveryId + " queued");
            browser.reloadUntil(By.cssSelector("tr.delivery-row[data-delivery-id='" + deliveryId + "'][data-status='delivered']"));

            // the other one, with every failed delivery
            browser.click(By.id("retry-all-failed"));
            browser.until(ExpectedConditions.alertIsPresent()).accept();
            assertThat(browser.byId("notice").getText()).contains("1 failed deliveries queued again");
            browser.reloadUntil(By.cssSelector("tr.delivery-row[data-status='delivered'] + tr ~ tr.delivery-row[data-status='delivered']"));
            assertThat(receiver.received()).hasSize(4);
            browser.screenshot("11-deliveries");

            // the CSV export, fetched with the browser's session
            String href = browser.byId("export-csv").getAttribute("href");
            HttpResponse<byte[]> csv = fetchWithSession(URI.create(href).getRawPath() + queryOf(href));
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("content-type").orElse("")).startsWith("text/csv");
            String text = new String(csv.body(), StandardCharsets.UTF_8);
            assertThat(text).startsWith("delivery_id,event_id,event_type,status").contains(deliveryId).contains("campaign.paused");
            assertThat(text.lines().count()).isEqualTo(3);
            // a filtered export: only what the filter shows
            browser.get("/dashboard/settings/webhooks/" + id + "/deliveries?status=failed");
            assertThat(browser.byId("no-deliveries").getText()).contains("No deliveries match");
            String filtered = new String(fetchWithSession(hrefPath(browser.byId("export-csv").getAttribute("href"))).body(), StandardCharsets.UTF_8);
            assertThat(filtered.lines().count()).isEqualTo(1);

            // the details page: stats, charts with their guide lines, recent deliveries
            browser.get("/dashboard/settings/webhooks/" + id);
            browser.until(d -> "drawn".equals(d.findElement(By.tagName("body")).getAttribute("data-charts")));
            // the stats come from per-minute rollups, written a moment after the attempts
            browser.reloadUntil(By.xpath("//dd[@id='stat-sent' and text()='4']"));
            browser.until(d -> "drawn".equals(d.findElement(By.tagName("body")).getAttribute("data-charts")));
            assertThat(browser.byId("recent-deliveries").findElements(By.cssSelector("tbody tr[data-delivery-id]"))).hasSize(2);
            @SuppressWarnings("unchecked")
            List<String> labels = (List<String>) browser.script(
                    "return Chart.getChart('latency-chart').data.datasets.map(function (d) { return d.label; })");
            assertThat(labels).contains("Warning 1,000 ms", "Critical 3,000 ms");
            browser.screenshot("12-details");
        }
    }

    @Test
    void theDeliveryLogShowsTheLastSevenDaysByDefaultAndRefreshesItselfKeepingItsFilters() throws Exception {
        DashboardWorkspace workspace = DashboardWorkspace.create();
        try (TestReceiver receiver = TestReceiver.start()) {
            String id = workspace.createWebhook(Map.of("name", "Live log", "url", receiver.url("/dash-live"),
                    "events", List.of("campaign.paused", "contact.updated"))).get("id").asString();
            // a contact delivery first, so that a lost event-type filter would show it
            workspace.publish(List.of(Map.of("type", "contact.updated", "data", Map.of("contact_id", "cont_live", "changed_fields", List.of("email")))));
            receiver.awaitRequests(1, Tour.WAIT);
            browser.signInAndWait(workspace.adminEmail(), workspace.password());

            browser.get("/dashboard/settings/webhooks/" + id + "/deliveries?event_type=campaign.paused");
            assertThat(new Select(browser.byId("f-range")).getFirstSelectedOption().getText()).isEqualTo("Last 7 days");
            assertThat(browser.byId("no-deliveries").getText()).contains("No deliveries match");
            // marks this page: a reload would lose the mark
            browser.script("window.pmNotReloaded = true");

            workspace.publish(List.of(paused("camp_live")));
            WebElement row = browser.until(d -> d.findElements(By.cssSelector("tr.delivery-row[data-status='delivered']")).stream().findFirst().orElse(null));
            assertThat(browser.script("return window.pmNotReloaded === true")).isEqualTo(true);
            assertThat(row.getText()).contains("campaign.paused");
            assertThat(browser.driver().findElements(By.cssSelector("tr.delivery-row"))).hasSize(1);
            assertThat(browser.find(By.cssSelector("#log-table")).getAttribute("hx-get")).contains("event_type=campaign.paused").contains("range=7d");
            browser.screenshot("20-deliveries-live");

            // an open row stops the refresh, so that it stays open
            browser.find(By.cssSelector("tr.delivery-row summary")).click();
            browser.find(By.cssSelector("[id^='detail-']"));
            assertThat(browser.script("return window.pmLogIdle()")).isEqualTo(false);

            // View Event: the stored event the delivery carried
            String eventId = browser.find(By.cssSelector("[id^='detail-'] .view-event")).getAttribute("href").replaceAll(".*/events/", "");
            browser.click(By.cssSelector("[id^='detail-'] .view-event"));
            assertThat(browser.byId("event-id").getText()).isEqualTo(eventId).startsWith("evt_");
            assertThat(browser.byId("event-type").getText()).isEqualTo("campaign.paused");
            assertThat(browser.byId("event-data").getText()).contains("camp_live");
            browser.screenshot("27-view-event");

            // a delivery of eight days ago is outside the default range, and inside "All time"
            try (var db = TestStack.database(); var update = db.prepareStatement(
                    "update webhook_deliveries set created_at = now() - interval '8 days' where webhook_id = ? and event_type = 'contact.updated'")) {
                update.setString(1, id);
                assertThat(update.executeUpdate()).isEqualTo(1);
            }
            browser.get("/dashboard/settings/webhooks/" + id + "/deliveries");
            browser.find(By.cssSelector("tr.delivery-row"));
            assertThat(browser.driver().findElements(By.cssSelector("tr.delivery-row"))).hasSize(1);
            new Select(browser.byId("f-range")).selectByValue("all");
            browser.click(By.id("apply-delivery-filters"));
            browser.until(ExpectedConditions.urlContains("range=all"));
            browser.until(d -> d.findElements(By.cssSelector("tr.delivery-row")).size() == 2 ? true : null);
            assertThat(browser.byId("export-csv").getAttribute("href")).doesNotContain("from=");
        }
    }

    @Test
    void testFilterNamesWhereACustomFilterBreaksAndWhichChosenSamplesAValidOneLetsThrough() {
        DashboardWorkspace workspace = DashboardWorkspace.create();
        browser.signInAndWait(workspace.developerEmail(), workspace.password());
        browser.get("/dashboard/settings/webhooks/create");
        browser.click(By.cssSelector("[data-select='none']"));
        browser.click(By.id("event-email.opened"));
        browser.click(By.id("event-email.clicked"));

        browser.type("payload_filter", "{\"location.country\": {\"$in\": \"US\"}}");
        browser.click(By.id("test-filter"));
        WebElement invalid = browser.byId("filter-invalid");
        assertThat(invalid.getText()).contains("filters.payload.location.country");
        browser.screenshot("21-test-filter-invalid");

        browser.type("payload_filter", "{\"location.country\": \"US\"}");
        browser.click(By.id("test-filter"));
        browser.byId("filter-valid");
        assertThat(browser.byId("filter-check").getText()).contains("Filter is valid");
        assertThat(browser.find(By.cssSelector("#filter-samples [data-event-type='email.opened']")).getAttribute("data-matches")).isEqualTo("true");
        assertThat(browser.find(By.cssSelector("#filter-samples [data-event-type='email.clicked']")).getAttribute("data-matches")).isEqualTo("false");
        browser.screenshot("22-test-filter-valid");
        // nothing was saved by testing
        workspace.api().get().uri("/api/v1/platform/webhooks").exchange().expectStatus().isOk().expectBody().jsonPath("$.data.length()").isEqualTo(0);
    }

    @Test
    void theSecurityStepShowsTheSourceIpRangesWithACopyButton() {
        DashboardWorkspace workspace = DashboardWorkspace.create();
        browser.signInAndWait(workspace.adminEmail(), workspace.password());
        browser.get("/dashboard/settings/webhooks/create#step-delivery");
        // the local stack sets penguin.management.source-ip-ranges to the loopback address it delivers from
        assertThat(browser.byId("source-ip-list").getText()).isEqualTo("127.0.0.1/32");
        assertThat(browser.driver().findElements(By.id("source-ips-not-fixed"))).isEmpty();
        browser.click(By.id("copy-source-ips"));
        String copied = browser.until(d -> d.findElement(By.id("copy-source-ips")).getAttribute("data-copied"));
        assertThat(copied).isEqualTo("127.0.0.1/32");
        browser.screenshot("23-create-source-ips");
    }

    @Test
    void theDetailsPageSaysWhenAndByWhomAWebhookWasCreated() {
        DashboardWorkspace workspace = DashboardWorkspace.create();
        String byApi = workspace.createWebhook(Map.of("name", "From the API", "url", "https://example.com/by-api",
                "events", List.of("email.sent"))).get("id").asString();
        browser.signInAndWait(workspace.adminEmail(), workspace.password());
        browser.get("/dashboard/settings/webhooks/create");
        browser.type("name", "From the dashboard");
        browser.type("url", "https://example.com/by-dashboard");
        browser.click(By.id("save-webhook"));
        String byDashboard = browser.byId("webhook-id").getText();

        browser.get("/dashboard/settings/webhooks/" + byDashboard);
        assertThat(browser.byId("created-by").getText()).isEqualTo(workspace.adminEmail());
        assertThat(browser.byId("created").getText()).startsWith("Created: ").endsWith(" by " + workspace.adminEmail());
        browser.screenshot("24-details-created-by");
        browser.get("/dashboard/settings/webhooks/" + byApi);
        assertThat(browser.byId("created-by").getText()).startsWith("API key ").contains(workspace.adminKey().substring(0, 8));
    }

    @Test
    void clearFailedLogArchivesFailedDeliveriesWhichIncludeArchivedShowsAgain() throws Exception {
        DashboardWorkspace workspace = DashboardWorkspace.create();
        try (TestReceiver receiver = TestReceiver.start(500, 500)) {
            String id = workspace.createWebhook(Map.of("name", "Cleared", "url", receiver.url("/dash-clear"),
                    "events", List.of("campaign.paused"), "retries_enabled", false)).get("id").asString();
            workspace.publish(List.of(paused("camp_clear_1"), paused("camp_clear_2")));
            browser.signInAndWait(workspace.adminEmail(), workspace.password());
            browser.get("/dashboard/settings/webhooks/" + id + "/deliveries");
            browser.reloadUntil(By.cssSelector("tr.delivery-row[data-status='failed'] + tr ~ tr.delivery-row[data-status='failed']"));
            assertThat(browser.byId("failed-summary").getText()).contains("2 exhausted retries");

            browser.click(By.id("clear-failed-log"));
            browser.until(ExpectedConditions.alertIsPresent()).accept();
            assertThat(browser.byId("notice").getText()).contains("2 failed deliveries archived");
            assertThat(browser.byId("no-deliveries").getText()).contains("No deliveries match");
            assertThat(browser.byId("failed-summary").getText()).contains("0 exhausted retries").contains("None");
            browser.screenshot("25-deliveries-cleared");

            browser.click(By.id("f-archived"));
            browser.click(By.id("apply-delivery-filters"));
            browser.until(ExpectedConditions.urlContains("include_archived=true"));
            List<WebElement> rows = browser.driver().findElements(By.cssSelector("tr.delivery-row[data-archived='true']"));
            assertThat(rows).hasSize(2);
            assertThat(rows.getFirst().getText()).contains("Archived");
            assertThat(browser.byId("f-archived").isSelected()).isTrue();
            browser.screenshot("26-deliveries-archived-shown");
        }
    }

    @Test
    void pausesResumesAndRotatesTheSecretWhichThenSigns() throws Exception {
        DashboardWorkspace workspace = DashboardWorkspace.create();
        String inspector = "dash-rotate-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode created = workspace.createWebhook(Map.of("name", "Rotating", "url", TestStack.get().apiUrl() + "/inspector/" + inspector,
                "events", List.of("email.clicked")));
        String id = created.get("id").asString();
        browser.signInAndWait(workspace.adminEmail(), workspace.password());

        WebElement card = browser.byId("card-" + id);
        card.findElement(By.className("pause")).click();
        awaitBadge(id, "Paused");
        assertThat(status(workspace, id)).isEqualTo("paused");
        new Select(browser.byId("filter-status")).selectByValue("paused");
        browser.click(By.id("apply-filters"));
        browser.until(ExpectedConditions.urlContains("status=paused"));
        assertThat(browser.byId("card-" + id).getText()).contains("Rotating");
        browser.byId("card-" + id).findElement(By.className("resume")).click();
        awaitBadge(id, "Active");
        assertThat(status(workspace, id)).isEqualTo("active");

        browser.get("/dashboard/settings/webhooks/" + id);
        browser.click(By.id("rotate-secret"));
        browser.until(ExpectedConditions.alertIsPresent()).accept();
        String rotated = browser.byId("secret").getText();
        assertThat(rotated).startsWith("whsec_").isNotEqualTo(created.get("secret").asString());
        browser.screenshot("13-secret-rotated");

        browser.get("/dashboard/settings/webhooks/" + id + "/test");
        browser.click(By.id("send-test"));
        assertThat(browser.byId("test-outcome").getText()).contains("Test successful");
        byte[] body = fetch("/inspector/" + inspector + "/latest/body").body();
        String signature = Json.mapper().readTree(fetch("/inspector/" + inspector + "/requests").body())
                .get("data").get(0).get("headers").get("x-penguinmails-signature").asString();
        assertThat(PenguinSignature.verify(rotated, body, signature)).isTrue();

        // the edit page keeps the settings and saves a change
        browser.get("/dashboard/settings/webhooks/" + id + "/edit");
        assertThat(browser.byId("name").getAttribute("value")).isEqualTo("Rotating");
        browser.screenshot("14-edit");
        browser.type("name", "Rotated");
        browser.click(By.id("save-webhook"));
        browser.until(ExpectedConditions.urlContains("?saved"));
        assertThat(browser.find(By.tagName("h1")).getText()).contains("Rotated");

        // auto-paused by the health policy: the banner says so
        TestStack.autoPause(id);
        browser.get("/dashboard/settings/webhooks/" + id);
        assertThat(browser.byId("auto-paused-banner").getText()).contains("paused after 100 consecutive failures");
        browser.screenshot("15-details-auto-paused");
        browser.get("/dashboard/settings/webhooks?status=inactive");
        assertThat(browser.byId("card-" + id).findElement(By.cssSelector("[data-badge]")).getText()).isEqualTo("Inactive");

        // an admin deletes it, after confirming
        browser.byId("card-" + id).findElement(By.className("delete")).click();
        browser.until(ExpectedConditions.alertIsPresent()).accept();
        assertThat(browser.byId("deleted-notice").getText()).contains(id);
        workspace.api().get().uri("/api/v1/platform/webhooks/{id}", id).exchange().expectStatus().isNotFound();
    }

    /**
     * Issue 23: the edit page shows a wildcard subscription, contact tags that must all match, custom headers and the
     * auto-paused status, and a save that changes the name keeps every one of them; the webhook stays paused (its
     * failure streak too) until the user chooses Active, which clears the streak.
     */
    @Test
    void theEditPageKeepsWildcardsAllTagsHeadersAndAnAutoPausedStatusUntilResumed() throws Exception {
        DashboardWorkspace workspace = DashboardWorkspace.create();
        String id = workspace.createWebhook(Map.of("name", "Everything email", "description", "First line\nSecond line",
                "url", "https://example.com/everything", "events", List.of("email.*", "campaign.paused"),
                "filters", Map.of("contact_tags", Map.of("all", List.of("vip", "premium"))),
                "headers", Map.of("X-Tenant", "acme"))).get("id").asString();
        TestStack.autoPause(id);
        JsonNode before = webhook(workspace, id);
        browser.signInAndWait(workspace.adminEmail(), workspace.password());

        browser.get("/dashboard/settings/webhooks/" + id + "/edit");
        assertThat(browser.byId("event-email-all").isSelected()).isTrue();
        assertThat(browser.byId("event-email.opened").isSelected()).isFalse();
        assertThat(browser.byId("event-campaign.paused").isSelected()).isTrue();
        // every email type, and campaign.paused
        assertThat(browser.byId("events-count").getText()).isEqualTo(Integer.toString(EventType.namesCoveredBy(List.of("email.*")).size() + 1));
        assertThat(browser.byId("contact_tags").getAttribute("value")).isEqualTo("vip, premium");
        assertThat(new Select(browser.byId("contact_tags_match")).getFirstSelectedOption().getAttribute("value")).isEqualTo("all");
        assertThat(browser.byId("headers").getAttribute("value")).isEqualTo("X-Tenant: acme\n");
        assertThat(browser.byId("status-disabled").isSelected()).isTrue();
        browser.screenshot("28-edit-auto-paused");
        browser.type("name", "Every email event");
        browser.click(By.id("save-webhook"));
        browser.until(ExpectedConditions.urlContains("?saved"));

        JsonNode saved = webhook(workspace, id);
        assertThat(saved.get("name").asString()).isEqualTo("Every email event");
        for (String field : List.of("description", "events", "filters", "headers", "status", "failing", "consecutive_failures",
                "timeout_seconds", "max_retries", "retries_enabled")) {
            assertThat(saved.get(field)).as(field).isEqualTo(before.get(field));
        }

        // choosing Active resumes it: the failure streak starts afresh
        browser.get("/dashboard/settings/webhooks/" + id + "/edit");
        browser.click(By.id("status-active"));
        browser.click(By.id("save-webhook"));
        browser.until(ExpectedConditions.urlContains("?saved"));
        JsonNode resumed = webhook(workspace, id);
        assertThat(resumed.get("status").asString()).isEqualTo("active");
        assertThat(resumed.get("consecutive_failures").asInt()).isZero();
        assertThat(resumed.get("failing").asBoolean()).isFalse();
        assertThat(resumed.get("events")).isEqualTo(before.get("events"));
        assertThat(resumed.get("filters")).isEqualTo(before.get("filters"));
    }

    @Test
    void replaysATimeRangeShowingTheCountAndLiveProgressAndCancels() throws Exception {
        DashboardWorkspace workspace = DashboardWorkspace.create();
        try (TestReceiver receiver = TestReceiver.start()) {
            String id = workspace.createWebhook(Map.of("name", "Replayed", "url", receiver.url("/dash-replay"),
                    "events", List.of("campaign.paused"))).get("id").asString();
            Instant before = Instant.now().minus(1, ChronoUnit.MINUTES);
            workspace.publish(java.util.stream.IntStream.range(0, 12).mapToObj(i -> paused("camp_r" + i)).toList());
            receiver.awaitRequests(12, Tour.WAIT);
            browser.signInAndWait(workspace.adminEmail(), workspace.password());

            // slowly: the progress moves while the page watches, then the replay is cancelled
            browser.get("/dashboard/settings/webhooks/" + id);
            setReplayRange(before);
            browser.type("replay-pace", "2");
            browser.click(By.id("start-replay"));
            assertThat(browser.byId("replay-found").getText()).isEqualTo("12");
            browser.until(d -> {
                String text = d.findElement(By.id("replay-progress-text")).getText();
                return text.matches("Replaying… \\(([1-9]|1[01]) / 12\\)") ? text : null;
            });
            browser.screenshot("16-replay-progress");
            browser.click(By.id("cancel-replay"));
            browser.until(d -> "cancelled".equals(d.findElement(By.id("replay-state")).getText()));

            // at full pace it completes
            browser.get("/dashboard/settings/webhooks/" + id);
            setReplayRange(before);
            browser.click(By.id("start-replay"));
            browser.until(d -> "completed".equals(d.findElement(By.id("replay-state")).getText()));
            assertThat(browser.byId("replay-progress-text").getText()).isEqualTo("Replaying… (12 / 12)");
            assertThat(browser.byId("replay-progress").getAttribute("hx-trigger")).isNull();
            receiver.awaitRequests(24, Tour.WAIT);
        }
    }

    @Test
    void aDeveloperSeesNoAdminOnlyActionAndIsRefusedThemOnTheServer() throws Exception {
        DashboardWorkspace workspace = DashboardWorkspace.create();
        String id = workspace.createWebhook(Map.of("name", "Kept", "url", "https://example.com/hook", "events", List.of("email.sent"),
                "status", "paused")).get("id").asString();
        browser.signInAndWait(workspace.developerEmail(), workspace.password());
        assertThat(browser.byId("current-role").getText()).isEqualTo("developer");
        WebElement card = browser.byId("card-" + id);
        assertThat(card.findElements(By.className("delete"))).isEmpty();
        browser.resize(Browser.PHONE);
        browser.screenshot("17-overview-developer-phone");
        browser.resize(Browser.LAPTOP);
        browser.get("/dashboard/settings/webhooks/" + id);
        assertThat(browser.driver().findElements(By.id("delete"))).isEmpty();

        // posting the delete form anyway, with a valid CSRF token: refused by the API's own rule
        Map<String, Object> refused = post("/dashboard/settings/webhooks/" + id + "/delete", true);
        assertThat(refused.get("status")).isEqualTo(403L);
        assertThat((String) refused.get("text")).contains("Only an admin");
        assertThat(status(workspace, id)).isEqualTo("paused");
        // what a developer may do, they can: resume
        browser.click(By.id("resume"));
        browser.until(ExpectedConditions.visibilityOfElementLocated(By.id("pause")));
    }

    @Test
    void refusesAFormWithoutItsCsrfTokenAndShowsAnotherWorkspacesWebhookAsNotFound() throws Exception {
        DashboardWorkspace workspace = DashboardWorkspace.create();
        DashboardWorkspace other = DashboardWorkspace.create();
        String ours = workspace.createWebhook(Map.of("name", "Ours", "url", "https://example.com/ours", "events", List.of("email.sent")))
                .get("id").asString();
        String theirs = other.createWebhook(Map.of("name", "Theirs", "url", "https://example.com/theirs", "events", List.of("email.sent")))
                .get("id").asString();
        browser.signInAndWait(workspace.adminEmail(), workspace.password());

        Map<String, Object> forged = post("/dashboard/settings/webhooks/" + ours + "/pause", false);
        assertThat(forged.get("status")).isEqualTo(403L);
        assertThat(status(workspace, ours)).isEqualTo("active");

        browser.get("/dashboard/settings/webhooks/" + theirs);
        assertThat(browser.find(By.tagName("h1")).getText()).isEqualTo("404 · Not found");
        assertThat(browser.byId("problem-detail").getText()).contains(theirs).contains("not found in this workspace");
        browser.screenshot("18-not-found");
        // still signed in on the error page: who, and the way out
        assertThat(browser.byId("current-user").getText()).isEqualTo("Ada Admin");
        assertThat(browser.byId("logout").isDisplayed()).isTrue();
        Map<String, Object> delete = post("/dashboard/settings/webhooks/" + theirs + "/delete", true);
        assertThat(delete.get("status")).isEqualTo(404L);
        assertThat(status(other, theirs)).isEqualTo("active");
    }

    @Test
    void theEventReferenceShowsEveryTypeWithItsSchemaExampleAndTheSystemEvents() {
        DashboardWorkspace workspace = DashboardWorkspace.create();
        browser.signInAndWait(workspace.developerEmail(), workspace.password());
        browser.get("/dashboard/settings/webhooks/events");
        assertThat(browser.byId("event-summary").findElements(By.cssSelector("tbody tr"))).hasSize(16);
        WebElement opened = browser.byId("email.opened");
        assertThat(opened.getText()).contains("Example payload");
        assertThat(browser.byId("example-email.opened").getText()).contains("\"type\" : \"email.opened\"");
        assertThat(browser.byId("category-system").getText()).contains("webhook.failing").contains("webhook.disabled");
        browser.screenshot("19-events");
    }

    /** Fills the replay range: from the given time to a minute from now (datetime-local, UTC). */
    private static void setReplayRange(Instant from) {
        browser.script("arguments[0].value = arguments[1]; arguments[2].value = arguments[3];",
                browser.byId("replay-from"), local(from), browser.byId("replay-to"), local(Instant.now().plus(1, ChronoUnit.MINUTES)));
    }

    private static String local(Instant at) {
        return at.atOffset(ZoneOffset.UTC).toLocalDateTime().truncatedTo(ChronoUnit.MINUTES).toString();
    }

    /**
     * POSTs a form from the page, as a script on it could: with the page's CSRF token or without. Answers the status
     * and the page text.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> post(String path, boolean withToken) {
        return (Map<String, Object>) browser.asyncScript("""
                const done = arguments[arguments.length - 1];
                const token = document.querySelector('input[name="_csrf"]');
                const body = new URLSearchParams();
                if (arguments[1] && token) body.append('_csrf', token.value);
                fetch(arguments[0], {method: 'POST', body: body, redirect: 'manual'})
                    .then(r => r.text().then(t => done({status: r.status, text: t})))
                    .catch(e => done({status: -1, text: String(e)}));
                """, path, withToken);
    }

    private static JsonNode webhook(DashboardWorkspace workspace, String id) {
        return Json.mapper().readTree(workspace.api().get().uri("/api/v1/platform/webhooks/{id}", id).exchange()
                .expectStatus().isOk().expectBody().returnResult().getResponseBody());
    }

    private static String status(DashboardWorkspace workspace, String id) {
        return webhook(workspace, id).get("status").asString();
    }

    private static HttpResponse<byte[]> fetch(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(TestStack.get().apiUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<byte[]> fetchWithSession(String path) throws Exception {
        Cookie session = browser.driver().manage().getCookieNamed("PM_DASHBOARD_SESSION");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(TestStack.get().apiUrl() + path))
                .header("Cookie", session.getName() + "=" + session.getValue()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String hrefPath(String href) {
        return URI.create(href).getRawPath() + queryOf(href);
    }

    private static String queryOf(String href) {
        String query = URI.create(href).getRawQuery();
        return query == null ? "" : "?" + query;
    }

    private static Map<String, Object> paused(String campaign) {
        return Map.of("type", "campaign.paused", "data", Map.of("campaign_id", campaign, "paused_at", "2026-11-24T10:00:00Z"));
    }

    /** Waits until htmx has swapped the webhook's card for one with this badge (the old card goes stale meanwhile). */
    private static void awaitBadge(String webhookId, String badge) {
        browser.until(d -> badge.equals(d.findElement(By.id("card-" + webhookId)).findElement(By.cssSelector("[data-badge]")).getText()));
    }
}
