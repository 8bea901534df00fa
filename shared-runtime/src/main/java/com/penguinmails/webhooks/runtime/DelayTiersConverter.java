package com.penguinmails.webhooks.runtime;

import org.springframework.core.convert.converter.Converter;

import com.penguinmails.webhooks.model.schedule.DelayTiers;

/** Binds {@code penguin.retry.tiers} ({@code topic=duration,...}, blank for the defaults) to {@link DelayTiers}. */
final class DelayTiersConverter implements Converter<String, DelayTiers> {

    @Override
    public DelayTiers convert(String spec) {
        return DelayTiers.parse(spec);
    }
}
