package com.penguinmails.webhooks.model.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.penguinmails.webhooks.model.delivery.ResponseClassifier.Circuit;
import com.penguinmails.webhooks.model.delivery.ResponseClassifier.Verdict;
import com.penguinmails.webhooks.model.net.RefusedTargetException;

/** Every status class and every network failure, one row each: what the answer means everywhere it is read. */
class ResponseClassifierTests {

    @ParameterizedTest(name = "{0} → {1}, {2}, Retry-After {3}, circuit {4}, {5}")
    @CsvSource(nullValues = "-", textBlock = """
            # status, verdict,   error class, Retry-After, circuit,  metrics tag
            100,      RETRY,     http_status, false,       SUCCESS,  1xx
            101,      RETRY,     http_status, false,       SUCCESS,  1xx
            200,      DELIVERED, -,           false,       SUCCESS,  2xx
            201,      DELIVERED, -,           false,       SUCCESS,  2xx
            202,      DELIVERED, -,           false,       SUCCESS,  2xx
            204,      DELIVERED, -,           false,       SUCCESS,  2xx
            299,      DELIVERED, -,           false,       SUCCESS,  2xx
            300,      RETRY,     http_status, false,       SUCCESS,  3xx
            301,      RETRY,     http_status, false,       SUCCESS,  3xx
            302,      RETRY,     http_status, false,       SUCCESS,  3xx
            304,      RETRY,     http_status, false,       SUCCESS,  3xx
            307,      RETRY,     http_status, false,       SUCCESS,  3xx
            308,      RETRY,     http_status, false,       SUCCESS,  3xx
            400,      RETRY,     http_status, false,       SUCCESS,  4xx
            401,      RETRY,     http_status, false,       SUCCESS,  4xx
            403,      RETRY,     http_status, false,       SUCCESS,  4xx
            404,      RETRY,     http_status, false,       SUCCESS,  4xx
            408,      RETRY,     http_status, false,       SUCCESS,  4xx
            409,      RETRY,     http_status, false,       SUCCESS,  4xx
            410,      GONE,      http_status, false,       SUCCESS,  4xx
            413,      RETRY,     http_status, false,       SUCCESS,  4xx
            422,      RETRY,     http_status, false,       SUCCESS,  4xx
            429,      RETRY,     http_status, true,        FAILURE,  4xx
            499,      RETRY,     http_status, false,       SUCCESS,  4xx
            500,      RETRY,     http_status, false,       FAILURE,  5xx
            501,      RETRY,     http_status, false,       FAILURE,  5xx
            502,      RETRY,     http_status, false,       FAILURE,  5xx
            503,      RETRY,     http_status, true,        FAILURE,  5xx
            504,      RETRY,     http_status, false,       FAILURE,  5xx
            599,      RETRY,     http_status, false,       FAILURE,  5xx
            """)
    void readsEveryStatusClass(int status, Verdict verdict, String errorClass, boolean retryAfter, Circuit circuit, String tag) {
        assertThat(ResponseClassifier.verdict(status)).isEqualTo(verdict);
        assertThat(ResponseClassifier.isSuccess(status)).isEqualTo(verdict == Verdict.DELIVERED);
        assertThat(ResponseClassifier.isGone(status)).isEqualTo(verdict == Verdict.GONE);
        ErrorClass errorClassOfStatus = ResponseClassifier.errorClassOf(status);
        assertThat(errorClassOfStatus == null ? null : errorClassOfStatus.wireName()).isEqualTo(errorClass);
        assertThat(ResponseClassifier.honoursRetryAfter(status)).isEqualTo(retryAfter);
        assertThat(ResponseClassifier.circuit(status, errorClassOfStatus)).isEqualTo(circuit);
        assertThat(ResponseClassifier.statusClass(status)).isEqualTo(tag);
        // any answer with a status went to the endpoint: the webhook's health counts it
        assertThat(ResponseClassifier.heldBack(errorClassOfStatus)).isFalse();
    }

    static Stream<Arguments> networkFailures() {
        return Stream.of(
                Arguments.of("timeout", new TimeoutException("Did not observe any item or terminal signal within 5000ms"),
                        "timeout", Circuit.FAILURE),
                Arguments.of("timeout, wrapped", new IllegalStateException(new TimeoutException()), "timeout", Circuit.FAILURE),
                Arguments.of("DNS", new RuntimeException("request failed", new UnknownHostException("no-such-host.invalid")),
                        "dns", Circuit.FAILURE),
                Arguments.of("TLS", new RuntimeException(new SSLHandshakeException("PKIX path building failed")), "tls", Circuit.FAILURE),
                Arguments.of("refused", new RuntimeException(new ConnectException("Connection refused: /127.0.0.1:1")),
                        "connection_refused", Circuit.FAILURE),
                Arguments.of("reset", new RuntimeException(new SocketException("Connection reset")), "connection", Circuit.FAILURE),
                Arguments.of("reset by peer", new IOException("recvAddress(..) failed: Connection reset by peer"),
                        "connection", Circuit.FAILURE),
                Arguments.of("closed before the answer", new IOException("Connection prematurely closed BEFORE response"),
                        "connection", Circuit.FAILURE),
                Arguments.of("refused target, by name", new RuntimeException(new RefusedTargetException("metadata.google.internal",
                        "an internal name")), "refused_target", Circuit.NOT_COUNTED),
                Arguments.of("refused target, by address", refusedAddress(), "refused_target", Circuit.NOT_COUNTED),
                Arguments.of("a cause that is itself", new SelfCaused(), "connection", Circuit.FAILURE));
    }

    @ParameterizedTest(name = "{0} → {2}, circuit {3}")
    @MethodSource("networkFailures")
    void readsEveryNetworkFailure(String kind, Throwable failure, String errorClass, Circuit circuit) {
        ErrorClass read = ResponseClassifier.errorClassOf(failure);

        assertThat(read.wireName()).isEqualTo(errorClass);
        // no status: retried on schedule, no Retry-After to honour, no status class
        assertThat(ResponseClassifier.verdict(null)).isEqualTo(Verdict.RETRY);
        assertThat(ResponseClassifier.honoursRetryAfter(null)).isFalse();
        assertThat(ResponseClassifier.statusClass(null)).isEqualTo("none");
        assertThat(ResponseClassifier.circuit(null, read)).isEqualTo(circuit);
        // the request went for the endpoint: the webhook's health counts the failure
        assertThat(ResponseClassifier.heldBack(read)).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"not_sent", "circuit_open"})
    void aRequestHeldBackSaysNothingAboutTheEndpoint(String wireName) {
        ErrorClass heldBack = ErrorClass.fromWireName(wireName).orElseThrow();

        assertThat(ResponseClassifier.heldBack(heldBack)).isTrue();
        assertThat(ResponseClassifier.heldBack(wireName)).isTrue();
        assertThat(ResponseClassifier.circuit(null, heldBack)).isEqualTo(Circuit.NOT_COUNTED);
    }

    @Test
    void aCallAbandonedWithoutAnAnswerCountsForNothing() {
        assertThat(ResponseClassifier.circuit(null, null)).isEqualTo(Circuit.NOT_COUNTED);
    }

    @Test
    void aFailureStoredWithoutAClassOrWithAnUnknownOneCountsAgainstHealth() {
        assertThat(ResponseClassifier.heldBack((String) null)).isFalse();
        assertThat(ResponseClassifier.heldBack("a_class_of_a_later_version")).isFalse();
        assertThat(ResponseClassifier.heldBack("timeout")).isFalse();
        assertThat(ResponseClassifier.heldBack("refused_target")).isFalse();
    }

    @Test
    void aStatusOutsideHttpHasNoStatusClass() {
        assertThat(ResponseClassifier.statusClass(0)).isEqualTo("none");
        assertThat(ResponseClassifier.statusClass(99)).isEqualTo("none");
        assertThat(ResponseClassifier.statusClass(600)).isEqualTo("none");
    }

    @Test
    void aTooManyRequestsWithRetryAfterIsRetriedAfterItCountingAgainstTheEndpoint() {
        assertThat(ResponseClassifier.verdict(429)).isEqualTo(Verdict.RETRY);
        assertThat(ResponseClassifier.honoursRetryAfter(429)).isTrue();
        assertThat(ResponseClassifier.errorClassOf(429)).isEqualTo(ErrorClass.HTTP_STATUS);
        assertThat(ResponseClassifier.circuit(429, ErrorClass.HTTP_STATUS)).isEqualTo(Circuit.FAILURE);
        assertThat(ResponseClassifier.heldBack(ErrorClass.HTTP_STATUS)).isFalse();
    }

    /** Stored in the delivery log and shown by the API: renaming one would split the log's history. */
    @Test
    void keepsTheWireNamesOfTheDeliveryLog() {
        assertThat(Arrays.stream(ErrorClass.values()).map(ErrorClass::wireName)).containsExactly("timeout", "dns", "tls",
                "connection_refused", "connection", "refused_target", "http_status", "not_sent", "circuit_open");
        for (ErrorClass errorClass : ErrorClass.values()) {
            assertThat(ErrorClass.fromWireName(errorClass.wireName())).contains(errorClass);
        }
        assertThat(ErrorClass.fromWireName(null)).isEmpty();
        assertThat(ErrorClass.fromWireName("TIMEOUT")).isEmpty();
    }

    private static RefusedTargetException refusedAddress() {
        try {
            return new RefusedTargetException("internal.example", InetAddress.getByName("10.0.0.1"), "a private address");
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    /** A failure whose cause is itself, as some libraries leave it. */
    private static final class SelfCaused extends RuntimeException {
        @Override
        public synchronized Throwable getCause() {
            return this;
        }
    }
}
