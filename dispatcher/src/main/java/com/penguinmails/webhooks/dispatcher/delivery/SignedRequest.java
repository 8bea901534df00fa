package com.penguinmails.webhooks.dispatcher.delivery;

import java.util.Map;

/** The exact bytes and headers of one POST: what is signed is what is sent. */
record SignedRequest(String url, Map<String, String> headers, byte[] body) {
}
