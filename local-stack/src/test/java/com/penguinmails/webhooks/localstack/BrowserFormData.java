package com.penguinmails.webhooks.localstack;

import java.util.Locale;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.FormElement;
import org.jsoup.select.Elements;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/**
 * What a browser submits for a page's form, by the HTML standard's rules, for tests that send a form back over HTTP:
 * the page's line breaks read as LF, a textarea's first line feed dropped, line breaks taken out of one-line inputs
 * (and spaces off the ends of URLs), checked boxes and radios only, selected options, and every line break sent as
 * CRLF. jsoup builds the page's tree; it follows none of these rules itself.
 */
final class BrowserFormData {

    private static final Set<String> NOT_SUBMITTED = Set.of("submit", "button", "reset", "image", "file");
    private static final Set<String> ONE_LINE = Set.of("text", "search", "url", "tel", "email", "password", "hidden", "number");

    private BrowserFormData() {
    }

    /** The form of the page with this id: its action and the fields a browser would send. */
    record Form(String action, MultiValueMap<String, String> fields) {
    }

    static Form of(String html, String formId) {
        // the HTML parser's input stream preprocessing: CRLF and CR are read as LF
        Document page = Jsoup.parse(html.replace("\r\n", "\n").replace('\r', '\n'));
        FormElement form = (FormElement) page.getElementById(formId);
        if (form == null) {
            throw new IllegalStateException("no form #" + formId + " on the page");
        }
        MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
        for (Element control : form.elements()) {
            String name = control.attr("name");
            if (name.isEmpty() || control.hasAttr("disabled")) {
                continue;
            }
            switch (control.normalName()) {
                case "textarea" -> add(fields, name, textareaValue(control));
                case "select" -> {
                    Elements options = control.select("option[selected]");
                    if (options.isEmpty() && control.selectFirst("option") != null) {
                        options = new Elements(control.selectFirst("option"));
                    }
                    options.forEach(option -> add(fields, name, option.hasAttr("value") ? option.attr("value") : option.text()));
                }
                case "input" -> {
                    String type = control.attr("type").toLowerCase(Locale.ROOT);
                    type = type.isEmpty() ? "text" : type;
                    if (NOT_SUBMITTED.contains(type)) {
                        continue;
                    }
                    if (type.equals("checkbox") || type.equals("radio")) {
                        if (control.hasAttr("checked")) {
                            add(fields, name, control.hasAttr("value") ? control.attr("value") : "on");
                        }
                    } else {
                        add(fields, name, inputValue(type, control.attr("value")));
                    }
                }
                default -> { }
            }
        }
        return new Form(form.attr("action"), fields);
    }

    /** A textarea's value: its text, less the line feed that may follow the start tag. */
    private static String textareaValue(Element textarea) {
        String text = textarea.wholeText();
        return text.startsWith("\n") ? text.substring(1) : text;
    }

    /** The standard's value sanitization of the one-line input types. */
    private static String inputValue(String type, String value) {
        if (!ONE_LINE.contains(type) || type.equals("hidden")) {
            return value;
        }
        String line = value.replace("\n", "");
        if (type.equals("url") || type.equals("email")) {
            line = line.replaceAll("^[\\t\\n\\f\\r ]+|[\\t\\n\\f\\r ]+$", "");
        }
        if (type.equals("number") && !line.matches("-?(\\d+(\\.\\d+)?|\\.\\d+)([eE][-+]?\\d+)?")) {
            return "";
        }
        return line;
    }

    /** Form submission sends every line break as CRLF. */
    private static void add(MultiValueMap<String, String> fields, String name, String value) {
        fields.add(name, value.replace("\r\n", "\n").replace("\n", "\r\n"));
    }
}
