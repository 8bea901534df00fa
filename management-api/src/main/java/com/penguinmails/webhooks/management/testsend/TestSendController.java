package com.penguinmails.webhooks.management.testsend;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

import com.penguinmails.webhooks.management.auth.ApiPrincipal;
import com.penguinmails.webhooks.management.openapi.Responses;
import reactor.core.publisher.Mono;

/** {@code POST /api/v1/platform/webhooks/{id}/test}: send one event now and see the request and the answer (spec 001 "Test Mode"). */
@RestController
@Tag(name = "Webhooks")
class TestSendController {

    private final TestSends tests;

    TestSendController(TestSends tests) {
        this.tests = tests;
    }

    @PostMapping("/api/v1/platform/webhooks/{id}/test")
    @Operation(operationId = "testWebhook", summary = "Send a test event",
            description = "Signs and sends one event through the dispatcher's delivery code, whatever the webhook's status, and answers "
                    + "with the request exactly as sent and the response as received (or the error). Logged as a test delivery; "
                    + "never retried, never counted in the webhook's health.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = {
                    @ExampleObject(name = "sample", value = "{\"event_type\": \"email.opened\"}"),
                    @ExampleObject(name = "latest", value = "{\"event_type\": \"email.opened\", \"data_source\": \"latest\"}"),
                    @ExampleObject(name = "custom", value = "{\"event_type\": \"email.opened\", \"data_source\": \"custom\", "
                            + "\"data\": {\"email_id\": \"msg_1\", \"contact\": {\"email\": \"test@example.com\"}}}")})),
            responses = {
                    @ApiResponse(responseCode = "200", description = "Sent; `success` says whether the endpoint answered 2xx"),
                    @ApiResponse(responseCode = "422", description = "`latest` asked for, but no such event is stored"),
                    @ApiResponse(responseCode = "504", description = "No result from a dispatcher in time")})
    @Responses.InvalidFields
    @Responses.WebhookNotFound
    Mono<TestSendView> test(ApiPrincipal principal, @PathVariable String id, @RequestBody(required = false) TestSendBody body) {
        return tests.send(principal, id, body);
    }
}
