package com.penguinmails.webhooks.dispatcher.delivery;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Which addresses a webhook may reach: public ones only. Refuses loopback, unspecified, private (RFC 1918), carrier-grade
 * NAT (100.64.0.0/10), link-local (which holds the cloud metadata address 169.254.169.254), multicast, broadcast,
 * IPv6 unique-local (fc00::/7, AWS's fd00:ec2::254 among them), and IPv4 addresses hidden in IPv6 (mapped or
 * compatible) when the embedded address is refused.
 */
final class TargetPolicy {

    private TargetPolicy() {
    }

    /** Why the address is refused, or empty when it is public. */
    static Optional<String> refusal(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            InetAddress embedded = embeddedIpv4(b);
            if (embedded != null) {
                return refusal(embedded).map(reason -> reason + " (inside the IPv6 address " + v6.getHostAddress() + ")");
            }
            if ((b[0] & 0xfe) == 0xfc) {
                return Optional.of("a unique-local IPv6 address");
            }
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("an unspecified address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address (cloud metadata lives there)");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("a private address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        if (address instanceof Inet4Address v4) {
            byte[] b = v4.getAddress();
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 100 && second >= 64 && second <= 127) {
                return Optional.of("a carrier-grade NAT address");
            }
            if (first == 0) {
                return Optional.of("an address of 'this network'");
            }
            if (first == 255 && second == 255 && (b[2] & 0xff) == 255 && (b[3] & 0xff) == 255) {
                return Optional.of("the broadcast address");
            }
        }
        return Optional.empty();
    }

    /** The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d) or IPv4-compatible (::a.b.c.d) IPv6 address. */
    private static InetAddress embeddedIpv4(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return null;
            }
        }
        boolean mapped = (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
        boolean compatible = b[10] == 0 && b[11] == 0 && (b[12] != 0 || b[13] != 0);
        if (!mapped && !compatible) {
            return null;
        }
        try {
            return InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
