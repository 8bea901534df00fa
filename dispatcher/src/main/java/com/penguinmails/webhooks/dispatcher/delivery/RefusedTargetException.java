package com.penguinmails.webhooks.dispatcher.delivery;

import java.net.InetAddress;

/** A webhook target that resolves to an address the dispatcher must not reach. */
final class RefusedTargetException extends RuntimeException {

    RefusedTargetException(String host, InetAddress address, String why) {
        super(host + " resolves to " + address.getHostAddress() + ", " + why, null, false, false);
    }
}
