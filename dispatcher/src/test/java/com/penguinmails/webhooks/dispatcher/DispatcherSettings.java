package com.penguinmails.webhooks.dispatcher;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@link DispatcherProperties} for unit tests, bound the way the application binds them: the settings given, every
 * other at the default its {@code @DefaultValue} says (written there only).
 */
public final class DispatcherSettings {

    private DispatcherSettings() {
    }

    /** @param settings names under {@code penguin.dispatcher} and their values, alternately */
    public static DispatcherProperties of(String... settings) {
        Map<String, String> source = new LinkedHashMap<>();
        for (int i = 0; i < settings.length; i += 2) {
            source.put("penguin.dispatcher." + settings[i], settings[i + 1]);
        }
        return new Binder(new MapConfigurationPropertySource(source)).bindOrCreate("penguin.dispatcher", DispatcherProperties.class);
    }
}
