package com.penguinmails.webhooks.model.net;

import java.net.InetAddress;

/**
 * A webhook target refused by {@link TargetAddressPolicy} as the dispatcher connects: an attempt that fails with it has
 * the error class {@code refused_target} (see {@code ResponseClassifier}).
 */
public final class RefusedTargetException extends RuntimeException {

    /** Refused by the address the host resolves to. */
    public RefusedTargetException(String host, InetAddress address, String why) {
        super(host + " resolves to " + address.getHostAddress() + ", " + why, null, false, false);
    }

    /** Refused by the host's text alone (an internal name, an IP in an odd notation), before any lookup. */
    public RefusedTargetException(String host, String why) {
        super(host + " is " + why, null, false, false);
    }
}
