package com.penguinmails.webhooks.model.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which webhook targets are internal (SSRF): the one policy that management-api applies to a URL when a webhook is
 * saved and the dispatcher applies again when it connects. Refuses loopback, unspecified, private (RFC 1918),
 * carrier-grade NAT (100.64.0.0/10), link-local (which holds the cloud metadata address 169.254.169.254), multicast,
 * broadcast, IPv6 unique-local (fc00::/7, AWS's fd00:ec2::254 among them), IPv4 addresses hidden in IPv6 (mapped or
 * compatible); by host text alone, IPv4 in the notations some resolvers take and others do not (decimal
 * {@code 2130706433}, octal {@code 0177.0.0.1}, hex {@code 0x7f000001}, short {@code 127.1}), and names that are
 * internal by definition ({@code localhost}, {@code *.internal} such as {@code metadata.google.internal},
 * {@code *.local}). A name is otherwise only judged after DNS, on the address the client connects to.
 */
public final class TargetAddressPolicy {

    private static final Pattern CANONICAL_IPV4 = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    /** Every label a number (decimal, octal with a leading 0, hex with 0x): an IPv4 address in some notation. */
    private static final Pattern NUMERIC_HOST = Pattern.compile("(0x[0-9a-f]*|\\d+)(\\.(0x[0-9a-f]*|\\d+)){0,3}\\.?", Pattern.CASE_INSENSITIVE);
    private static final Set<String> INTERNAL_NAMES = Set.of("localhost", "metadata", "instance-data");
    private static final Set<String> INTERNAL_SUFFIXES = Set.of(".localhost", ".internal", ".local", ".localdomain", ".home.arpa");

    private TargetAddressPolicy() {
    }

    /** Why the address is refused, or empty when it is public. */
    public static Optional<String> refusal(InetAddress address) {
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

    /**
     * Why a URL's host is refused by its text alone, without DNS: an internal IP literal (IPv4, or IPv6 in brackets),
     * an IPv4 address in a non-standard notation, or an internal name. Empty for any other name (judged after DNS).
     */
    public static Optional<String> refusalOfHost(String host) {
        if (host == null || host.isEmpty()) {
            return Optional.empty();
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            return literal(name.substring(1, name.length() - 1));
        }
        if (CANONICAL_IPV4.matcher(name).matches()) {
            return literal(name);
        }
        if (NUMERIC_HOST.matcher(name).matches()) {
            return Optional.of("an IPv4 address in a non-standard notation (decimal, octal, hex or shortened)");
        }
        String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (bare.equals("localhost") || bare.endsWith(".localhost")) {
            return Optional.of("a loopback host name");
        }
        if (INTERNAL_NAMES.contains(bare) || INTERNAL_SUFFIXES.stream().anyMatch(bare::endsWith)) {
            return Optional.of("an internal host name");
        }
        return Optional.empty();
    }

    /**
     * The URL's host as a client would read it. {@link URI#getHost()} is null for hosts it cannot parse as a name or
     * an IPv4 address ({@code 127.1}, {@code 0x7f.0.0.1}, {@code 127.0.0.1.}), which some clients still connect to:
     * then the host part of the authority, so that such hosts are judged too. Null when there is none.
     */
    public static String host(URI url) {
        if (url.getHost() != null) {
            return url.getHost();
        }
        String authority = url.getRawAuthority();
        if (authority == null) {
            return null;
        }
        String host = authority.substring(authority.lastIndexOf('@') + 1);
        if (!host.startsWith("[")) {
            int port = host.lastIndexOf(':');
            host = port < 0 ? host : host.substring(0, port);
        }
        return host.isEmpty() ? null : host;
    }

    /** Whether the host is loopback by its text: {@code localhost} or a loopback literal (the local profile's case). */
    public static boolean isLoopbackHost(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || name.equals("localhost.")) {
            return true;
        }
        String literal = name.startsWith("[") && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
        if (!CANONICAL_IPV4.matcher(literal).matches() && !literal.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Optional<String> literal(String text) {
        if (!text.contains(":") && !CANONICAL_IPV4.matcher(text).matches()) {
            return Optional.of("not a valid IP address");
        }
        try {
            // a literal: InetAddress parses it without any lookup
            return refusal(InetAddress.getByName(text));
        } catch (UnknownHostException | SecurityException e) {
            return Optional.of("not a valid IP address");
        }
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
