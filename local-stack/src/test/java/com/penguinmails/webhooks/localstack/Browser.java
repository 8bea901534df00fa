package com.penguinmails.webhooks.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Function;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}, which {@code .ci/run} installs)
 * driven over WebDriver, at laptop size unless asked otherwise, with a fresh profile. Nothing is downloaded: the
 * driver and the browser are the system's, and a missing one fails the test rather than skipping it.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Dimension LAPTOP = new Dimension(1366, 900);
    static final Dimension PHONE = new Dimension(390, 844);
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;
    private final String baseUrl;

    private Browser(ChromeDriver driver, Path profile, String baseUrl) {
        this.driver = driver;
        this.profile = profile;
        this.baseUrl = baseUrl;
    }

    static Browser open(String baseUrl) throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("The browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (apt-get install chromium chromium-driver; .ci/run does)");
        }
        Path profile = Files.createTempDirectory("dashboard-chromium");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--user-data-dir=" + profile, "--window-size=1366,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(LAPTOP);
        Files.createDirectories(SCREENSHOTS);
        return new Browser(driver, profile, baseUrl);
    }

    WebDriver driver() {
        return driver;
    }

    Browser get(String path) {
        driver.get(baseUrl + path);
        return this;
    }

    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    WebElement find(By by) {
        return until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    WebElement byId(String id) {
        return find(By.id(id));
    }

    void click(By by) {
        until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    void type(String id, String text) {
        WebElement input = byId(id);
        input.clear();
        input.sendKeys(text);
    }

    <T> T until(Function<WebDriver, T> condition) {
        // htmx swaps parts of the page while a condition reads them: a stale element is read again
        return new WebDriverWait(driver, WAIT).ignoring(StaleElementReferenceException.class).until(condition);
    }

    /** Reloads the page until the element shows (a delivery that comes in the background, say), then returns it. */
    WebElement reloadUntil(By by) {
        return new WebDriverWait(driver, WAIT, Duration.ofMillis(500)).until(d -> {
            java.util.List<WebElement> found = d.findElements(by);
            if (!found.isEmpty()) {
                return found.getFirst();
            }
            d.navigate().refresh();
            return null;
        });
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Runs an async script: the last argument is the callback that ends it. */
    Object asyncScript(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** Forgets the session: the cookie is scoped to /dashboard, so it is dropped from a page there. */
    void signOut() {
        get("/dashboard/login");
        driver.manage().deleteAllCookies();
    }

    void signIn(String email, String password) {
        signOut();
        get("/dashboard/login");
        type("username", email);
        type("password", password);
        click(By.id("sign-in"));
    }

    void signInAndWait(String email, String password) {
        signIn(email, password);
        until(ExpectedConditions.urlContains("/dashboard/settings/webhooks"));
        byId("current-user");
    }

    /** Saves what the window shows to {@code target/screenshots/<name>.png}. */
    void screenshot(String name) {
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void resize(Dimension size) {
        driver.manage().window().setSize(size);
    }

    @Override
    public void close() {
        driver.quit();
        try (var paths = Files.walk(profile)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }
}
