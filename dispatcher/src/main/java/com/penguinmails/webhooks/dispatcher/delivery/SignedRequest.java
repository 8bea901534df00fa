package com.penguinmails.webhooks.dispatcher.delivery;

import java.util.Map;

/** The exact bytes and headers of one POST: what is signed is what is sent. */
record SignedRequest(String url, Map<String, String> headers, byte[] body) {

    /** The same request with one more header, outside what is signed (the trace context, say); null adds nothing. */
    SignedRequest withHeader(String name, String value) {
        if (value == null) {
            return this;
        }
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new SignedRequest(url, java.util.Collections.unmodifiableMap(more), body);
    }
}
