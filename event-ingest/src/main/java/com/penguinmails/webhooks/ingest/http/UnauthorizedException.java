package com.penguinmails.webhooks.ingest.http;

/** No API key, or one that names no live key. */
class UnauthorizedException extends RuntimeException {

    UnauthorizedException() {
        super("A valid API key is required: send 'Authorization: Bearer <api key>'.", null, false, false);
    }
}
