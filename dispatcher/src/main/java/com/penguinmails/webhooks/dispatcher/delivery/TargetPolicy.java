package com.penguinmails.webhooks.dispatcher.delivery;

import java.net.InetAddress;
import java.util.Optional;

import com.penguinmails.webhooks.model.net.TargetAddressPolicy;

/**
 * Which addresses a webhook may reach: public ones only. The rules are {@link TargetAddressPolicy}'s, shared with
 * management-api's check when a webhook is saved; here they are applied to the address the client connects to.
 */
final class TargetPolicy {

    private TargetPolicy() {
    }

    /** Why the address is refused, or empty when it is public. */
    static Optional<String> refusal(InetAddress address) {
        return TargetAddressPolicy.refusal(address);
    }
}
