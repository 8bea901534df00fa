package com.penguinmails.webhooks.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.penguinmails.webhooks.model.net.RefusedTargetException;

class TargetPolicyTests {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.1.2.3", "::1", "0.0.0.0", "::", "10.0.0.1", "172.16.5.4", "172.31.255.255",
            "192.168.1.1", "169.254.169.254", "169.254.0.1", "100.64.0.1", "100.127.255.254", "224.0.0.1", "255.255.255.255",
            "fe80::1", "fc00::1", "fd00:ec2::254", "::ffff:127.0.0.1", "::ffff:10.1.2.3", "::ffff:169.254.169.254", "::127.0.0.1"})
    void refusesInternalAddresses(String address) throws Exception {
        assertThat(TargetPolicy.refusal(InetAddress.getByName(address))).as(address).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "100.63.255.255", "100.128.0.1", "172.32.0.1", "192.169.0.1",
            "2606:2800:220:1:248:1893:25c8:1946", "::ffff:8.8.8.8"})
    void allowsPublicAddresses(String address) throws Exception {
        assertThat(TargetPolicy.refusal(InetAddress.getByName(address))).as(address).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/x", "https://[::1]/x", "http://10.0.0.1/x", "http://169.254.169.254/latest/meta-data",
            "https://[::ffff:192.168.0.1]/x", "https://localhost/x", "http://2130706433/", "http://0x7f000001/", "http://127.1/",
            "https://metadata.google.internal/"})
    void refusesInternalIpLiteralsInUrlsWithoutResolving(String url) {
        assertThat(ReceiverClient.refusedLiteral(url)).as(url).isInstanceOf(RefusedTargetException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://93.184.216.34/x", "https://example.com/x", "https://1password.com/x", "https://123.example/x"})
    void leavesPublicLiteralsAndNamesToTheResolver(String url) {
        assertThat(ReceiverClient.refusedLiteral(url)).as(url).isNull();
    }
}
