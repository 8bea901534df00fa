package com.penguinmails.webhooks.model;

import java.time.Instant;

/**
 * Whether a workspace's deliveries are being held back by its plan's rate limit: the value on
 * {@link Topics#WORKSPACE_STATE}, written by the dispatcher when a workspace starts and stops being throttled.
 *
 * @param workspaceId     the workspace
 * @param plan            the plan whose limit applies
 * @param limitPerSecond  deliveries per second the plan allows
 * @param throttled       true while deliveries over the limit are being deferred
 * @param since           when the current state began
 * @param deferred        deliveries deferred since throttling began (0 when not throttled)
 */
public record WorkspaceDeliveryState(
        String workspaceId,
        String plan,
        long limitPerSecond,
        boolean throttled,
        Instant since,
        long deferred) {
}
