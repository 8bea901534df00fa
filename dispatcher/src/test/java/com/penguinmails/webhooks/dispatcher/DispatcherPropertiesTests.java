package com.penguinmails.webhooks.dispatcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class DispatcherPropertiesTests {

    @Test
    void bindsEveryDefaultFromItsDefaultValueAlone() {
        DispatcherProperties defaults = DispatcherSettings.of("secret-encryption-key", DispatcherKafka.ENCRYPTION_KEY);

        assertThat(defaults.eventConsumers()).isEqualTo(2);
        assertThat(defaults.dueConsumers()).isEqualTo(1);
        assertThat(defaults.replayConsumers()).isEqualTo(1);
        assertThat(defaults.inFlight()).isEqualTo(new DispatcherProperties.InFlight(2000, 500, 500));
        assertThat(defaults.endpoints()).isEqualTo(new DispatcherProperties.Endpoints(64, 20, 10, 50, Duration.ofSeconds(30), 3,
                Duration.ofSeconds(15), 8, 64, 2000, Duration.ofSeconds(2)));
        assertThat(defaults.rateLimits().defaultPlan()).isEqualTo("standard");
        assertThat(defaults.rateLimits().plans()).isEqualTo(Map.of("free", 50L, "standard", 500L, "enterprise", 5000L));
        assertThat(defaults.retryDelays()).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
                Duration.ofHours(1), Duration.ofHours(24));
        assertThat(defaults.v1RetryDelays()).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30));
        assertThat(defaults.handOffAfter()).isEqualTo(Duration.ofMillis(500));
        assertThat(defaults.shutdownGrace()).isEqualTo(Duration.ofSeconds(40));
    }

    /** The names docs/operations.md, deploy/ and bench/ give operators. */
    @Test
    void bindsTheEnvironmentVariablesOperatorsUse() {
        Map<String, Object> environment = Map.of(
                "PENGUIN_DISPATCHER_SECRETENCRYPTIONKEY", DispatcherKafka.ENCRYPTION_KEY,
                "PENGUIN_DISPATCHER_EVENTCONSUMERS", "6",
                "PENGUIN_DISPATCHER_DUECONSUMERS", "3",
                "PENGUIN_DISPATCHER_REPLAYCONSUMERS", "2",
                "PENGUIN_DISPATCHER_SHUTDOWNGRACE", "25s",
                "PENGUIN_DISPATCHER_HANDOFFAFTER", "750ms",
                "PENGUIN_DISPATCHER_ALLOWPRIVATETARGETS", "true",
                "PENGUIN_DISPATCHER_RATELIMITS_PLANS_ENTERPRISE", "100000000");
        DispatcherProperties bound = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)))
                .bindOrCreate("penguin.dispatcher", DispatcherProperties.class);

        assertThat(List.of(bound.eventConsumers(), bound.dueConsumers(), bound.replayConsumers())).containsExactly(6, 3, 2);
        assertThat(bound.shutdownGrace()).isEqualTo(Duration.ofSeconds(25));
        assertThat(bound.handOffAfter()).isEqualTo(Duration.ofMillis(750));
        assertThat(bound.allowPrivateTargets()).isTrue();
        assertThat(bound.rateLimits().perSecond("enterprise")).isEqualTo(100_000_000L);
    }

    @Test
    void refusesAListenerWithoutConsumers() {
        assertThatThrownBy(() -> DispatcherSettings.of("secret-encryption-key", DispatcherKafka.ENCRYPTION_KEY, "due-consumers", "0"))
                .rootCause().hasMessageContaining("penguin.dispatcher.event-consumers, due-consumers and replay-consumers need at least 1");
    }

    @Test
    void refusesToStartWithoutTheSecretKey() {
        assertThatThrownBy(() -> DispatcherSettings.of("hand-off-after", "1s"))
                .rootCause().hasMessageContaining("penguin.dispatcher.secret-encryption-key is required");
    }
}
