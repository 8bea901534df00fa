package com.penguinmails.webhooks.localstack;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Test classes that drive the dashboard in a real browser: one {@link Browser} per class, on the shared test stack. */
abstract class BrowserTests {

    static Browser browser;

    @BeforeAll
    static void openBrowser() throws Exception {
        browser = Browser.open(TestStack.get().apiUrl());
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }
}
