package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Spec 004's "accessible and usable on a laptop and a phone", checked in the real browser on every page of the
 * dashboard, at both sizes: each form control has a label (or an ARIA name), each button and link a name, each image
 * an alt text, the page a language and a heading; text meets WCAG AA contrast against the background it is drawn on
 * (4.5:1, 3:1 for large text); nothing makes the page scroll sideways at phone width; and the pages work from the
 * keyboard (Tab reaches the controls with a visible focus, Enter follows a link).
 */
class DashboardAccessibilityIntegrationTests extends BrowserTests {

    /** Finds what a page gets wrong; returns one line per problem. */
    private static final String AUDIT = """
            const problems = [];
            const visible = e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
              return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
            const describe = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.name ? '[name=' + e.name + ']' : '')
              + ' "' + (e.innerText || e.value || '').trim().slice(0, 40) + '"';
            const named = e => (e.getAttribute('aria-label') || '').trim() || (e.getAttribute('aria-labelledby') || '').trim()
              || (e.getAttribute('title') || '').trim();
            if (!document.documentElement.lang) problems.push('the page has no lang');
            if (!document.title.trim()) problems.push('the page has no title');
            if (document.querySelectorAll('h1').length === 0) problems.push('the page has no h1');
            for (const e of document.querySelectorAll('input, select, textarea')) {
              if (e.type === 'hidden' || !visible(e)) continue;
              if ((e.labels && e.labels.length > 0) || named(e)) continue;
              problems.push('no label: ' + describe(e));
            }
            for (const e of document.querySelectorAll('button, a[href], [role=button]')) {
              if (!visible(e)) continue;
              if ((e.innerText || '').trim() || named(e) || e.querySelector('img[alt]:not([alt=""])')) continue;
              problems.push('no name: ' + describe(e));
            }
            for (const e of document.querySelectorAll('img')) {
              if (!e.hasAttribute('alt')) problems.push('no alt: img ' + e.src);
            }
            const rgba = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
              const p = m[1].split(/[ ,\\/]+/).filter(x => x).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
            const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
              return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
            const background = e => {
              for (let n = e; n; n = n.parentElement) {
                const s = getComputedStyle(n);
                if (s.backgroundImage && s.backgroundImage !== 'none') return null; // a gradient or picture: not judged here
                const c = rgba(s.backgroundColor);
                if (c && c[3] >= 0.99) return c;
              }
              return [255, 255, 255, 1];
            };
            const seen = new Set();
            for (const e of document.querySelectorAll('body *')) {
              if (['SCRIPT', 'STYLE', 'CANVAS', 'svg', 'OPTION'].includes(e.tagName) || !visible(e)) continue;
              const text = Array.from(e.childNodes).filter(n => n.nodeType === 3).map(n => n.textContent).join('').trim();
              if (!text) continue;
              const s = getComputedStyle(e);
              const fg = rgba(s.color);
              const bg = background(e);
              if (!fg || !bg || fg[3] < 0.99 || parseFloat(s.opacity) < 1) continue;
              const l1 = lum(fg), l2 = lum(bg);
              const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
              const size = parseFloat(s.fontSize), bold = parseInt(s.fontWeight) >= 700;
              const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
              const key = s.color + '/' + bg.join(',') + '/' + needed;
              if (ratio < needed && !seen.has(key)) {
                seen.add(key);
                problems.push('contrast ' + ratio.toFixed(2) + ' < ' + needed + ': ' + describe(e) + ' ' + s.color + ' on rgb(' + bg.slice(0, 3) + ')');
              }
            }
            if (document.documentElement.scrollWidth > window.innerWidth + 1) {
              // the innermost elements wider than the window are what pushes the page out
              const tooWide = e => visible(e) && e.getBoundingClientRect().width > window.innerWidth + 1;
              const wide = Array.from(document.querySelectorAll('body *')).filter(e => tooWide(e) && !Array.from(e.children).some(tooWide))
                .filter(e => !e.closest('aside')).slice(0, 3).map(describe);
              problems.push('scrolls sideways: ' + document.documentElement.scrollWidth + ' px wide in a ' + window.innerWidth + ' px window, past its edge: ' + wide);
            }
            return problems;
            """;

    @Test
    void everyPageHasLabelsNamesContrastAndFitsALaptopAndAPhone() {
        DashboardWorkspace workspace = DashboardWorkspace.create();
        String id = workspace.createWebhook(Map.of("name", "Audited", "url", "https://example.com/audited", "events", List.of("email.opened")))
                .get("id").asString();
        List<String> pages = List.of("/dashboard/settings/webhooks", "/dashboard/settings/webhooks/create",
                "/dashboard/settings/webhooks/" + id, "/dashboard/settings/webhooks/" + id + "/edit",
                "/dashboard/settings/webhooks/" + id + "/deliveries", "/dashboard/settings/webhooks/" + id + "/test",
                "/dashboard/settings/webhooks/events");
        List<String> problems = new ArrayList<>();
        browser.signOut();
        browser.get("/dashboard/login");
        browser.byId("username");
        problems.addAll(audit("/dashboard/login"));
        browser.signInAndWait(workspace.adminEmail(), workspace.password());
        try {
            for (var size : List.of(Browser.LAPTOP, Browser.PHONE)) {
                browser.resize(size);
                for (String page : pages) {
                    browser.get(page);
                    browser.find(By.tagName("h1"));
                    problems.addAll(audit(page + " at " + size.width + " px"));
                }
            }
        } finally {
            browser.resize(Browser.LAPTOP);
        }
        assertThat(problems).as("accessibility problems").isEmpty();
    }

    @Test
    void theOverviewWorksFromTheKeyboard() {
        DashboardWorkspace workspace = DashboardWorkspace.create();
        browser.signInAndWait(workspace.adminEmail(), workspace.password());
        browser.get("/dashboard/settings/webhooks");
        browser.find(By.tagName("h1"));
        // Tab through the page: every stop is a control, and its focus is drawn
        List<String> stops = new ArrayList<>();
        WebElement create = null;
        for (int i = 0; i < 40 && create == null; i++) {
            new Actions(browser.driver()).sendKeys(Keys.TAB).perform();
            WebElement focused = browser.driver().switchTo().activeElement();
            String tag = focused.getTagName();
            assertThat(tag).as("a Tab stop").isIn("a", "button", "input", "select", "textarea", "summary");
            String outline = (String) browser.script("const s = getComputedStyle(arguments[0]);"
                    + " return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 ? 'outline' : s.boxShadow !== 'none' ? 'shadow' : 'none';", focused);
            assertThat(outline).as("the focus of %s %s is visible", tag, focused.getText()).isNotEqualTo("none");
            stops.add(tag + " " + focused.getText());
            if (("/dashboard/settings/webhooks/create").equals(java.net.URI.create(String.valueOf(focused.getAttribute("href"))).getPath())) {
                create = focused;
            }
        }
        assertThat(create).as("Tab reaches the create link; stops: %s", stops).isNotNull();
        new Actions(browser.driver()).sendKeys(Keys.ENTER).perform();
        browser.until(ExpectedConditions.urlContains("/dashboard/settings/webhooks/create"));
        assertThat(browser.find(By.tagName("h1")).isDisplayed()).isTrue();
    }

    private static List<String> audit(String where) {
        @SuppressWarnings("unchecked")
        List<String> found = (List<String>) browser.script(AUDIT);
        return found.stream().map(problem -> where + ": " + problem).toList();
    }
}
