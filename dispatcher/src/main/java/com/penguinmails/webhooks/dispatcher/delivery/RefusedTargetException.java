package com.penguinmails.webhooks.dispatcher.delivery;

import java.net.InetAddress;

/** A webhook target that resolves to an address the dispatcher must not reach. */
final class RefusedTargetException extends RuntimeException {

    RefusedTargetException(String host, InetAddress address, String why) {
        super(host + " resolves to " + address.getHostAddress() + ", " + why, null, false, false);
    }

    /** Refused by the host's text alone (an internal name, an IP in an odd notation), before any lookup. */
    RefusedTargetException(String host, String why) {
        super(host + " is " + why, null, false, false);
    }
}
