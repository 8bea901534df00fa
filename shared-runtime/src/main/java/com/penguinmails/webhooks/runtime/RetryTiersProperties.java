package com.penguinmails.webhooks.runtime;

import org.springframework.boot.context.properties.ConfigurationProperties;

import com.penguinmails.webhooks.model.schedule.DelayTiers;

/**
 * The delay topics, {@code penguin.retry.tiers}: the dispatcher writes a waiting retry to them and the retry-scheduler
 * reads them, so every service must be given the same value.
 *
 * @param tiers {@code topic=duration,...} (see {@link DelayTiers}), durations in {@code ms}, {@code s}, {@code m},
 *              {@code h} or {@code d}; unset or blank for {@link DelayTiers#DEFAULT_SPEC}. A value that is not that
 *              fails the start, naming the property and the part it cannot read
 */
@ConfigurationProperties("penguin.retry")
public record RetryTiersProperties(DelayTiers tiers) {

    public RetryTiersProperties {
        if (tiers == null) {
            tiers = DelayTiers.defaults();
        }
    }
}
