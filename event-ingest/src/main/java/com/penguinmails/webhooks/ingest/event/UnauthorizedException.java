package com.penguinmails.webhooks.ingest.event;

/** No API key, or one that names no live key. */
class UnauthorizedException extends RuntimeException {

    UnauthorizedException() {
        super("A valid API key is required: send 'Authorization: Bearer <api key>'.");
    }
}
