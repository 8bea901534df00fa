package com.penguinmails.webhooks.management.testsend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

import com.penguinmails.webhooks.management.problem.ApiException;
import com.penguinmails.webhooks.management.problem.FieldError;
import com.penguinmails.webhooks.model.Json;

class TestSendsTests {

    @Test
    void refusesCustomDataWithNumbersTheDeliveredBodyWouldChange() {
        // the body goes out as JSON.stringify writes it: 9007199254740993 would arrive as 9007199254740992, 1e400 as null
        ApiException refused = catchThrowableOfType(ApiException.class, () -> TestSends.validate(new TestSendBody("email.opened", "custom",
                Json.mapper().readTree("{\"email_id\":\"msg_1\",\"order\":{\"id\":9007199254740993},\"n\":[1e400]}"))));
        assertThat(refused.errors()).extracting(FieldError::field).containsExactly("data.order.id", "data.n[0]");
        assertThat(refused.errors().getFirst().reason()).contains("Send it as a string");
    }

    @Test
    void acceptsCustomDataWithOddNumberFormsADoubleKeeps() {
        TestSendBody body = TestSends.validate(new TestSendBody("email.opened", "custom",
                Json.mapper().readTree("{\"email_id\":\"msg_1\",\"a\":1.5e4,\"b\":14500.0,\"c\":0.30,\"d\":-0,\"id\":9007199254740991}")));
        assertThat(body.data().get("a").doubleValue()).isEqualTo(15000.0);
    }
}
