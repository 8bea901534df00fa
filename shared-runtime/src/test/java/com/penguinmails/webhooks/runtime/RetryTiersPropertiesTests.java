package com.penguinmails.webhooks.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import com.penguinmails.webhooks.model.schedule.DelayTiers;

/**
 * {@code penguin.retry.tiers} bound as every service binds it (through {@link ServiceFoundationConfiguration}): the
 * default tiers when unset or blank, a configured list, and a clear refusal at start-up of one it cannot read.
 */
class RetryTiersPropertiesTests {

    private final ApplicationContextRunner service = ServiceContexts.service(Map.of());

    @Test
    void theDefaultTiersWhenUnset() {
        service.run(context -> assertThat(context.getBean(DelayTiers.class).topics()).isEqualTo(DelayTiers.defaults().topics()));
    }

    @Test
    void theDefaultTiersWhenBlank() {
        service.withPropertyValues("penguin.retry.tiers= ")
                .run(context -> assertThat(context.getBean(DelayTiers.class).topics()).isEqualTo(DelayTiers.defaults().topics()));
    }

    @Test
    void theConfiguredTiersForTheRelayAndTheTopics() {
        service.withPropertyValues("penguin.retry.tiers=retry.short=500ms, retry.long=2h")
                .run(context -> {
                    DelayTiers tiers = context.getBean(RetryTiersProperties.class).tiers();
                    assertThat(context.getBean(DelayTiers.class)).isSameAs(tiers);
                    assertThat(tiers.tiers()).containsExactly(new DelayTiers.Tier("retry.short", Duration.ofMillis(500)),
                            new DelayTiers.Tier("retry.long", Duration.ofHours(2)));
                    assertThat(ServiceContexts.topics(context)).extracting(NewTopic::name)
                            .contains("retry.short", "retry.long", DelayTiers.LAST_LEG_TOPIC).doesNotContain("webhooks.retry.1m");
                });
    }

    @Test
    void takesTheEnvironmentVariable() {
        ServiceContexts.service(Map.of("PENGUIN_RETRY_TIERS", "retry.a=1m"))
                .run(context -> assertThat(context.getBean(DelayTiers.class).topics()).containsExactly("retry.a", DelayTiers.LAST_LEG_TOPIC));
    }

    @Test
    void refusesToStartWithATierThatIsNotTopicEqualsDuration() {
        service.withPropertyValues("penguin.retry.tiers=retry.a=1m,retry.b")
                .run(context -> assertThat(ServiceContexts.startupFailure(context))
                        .contains("penguin.retry.tiers").contains("delay tier 'retry.b' is not topic=duration"));
    }

    @Test
    void refusesToStartWithADelayThatIsNotADuration() {
        service.withPropertyValues("penguin.retry.tiers=retry.a=soon")
                .run(context -> assertThat(ServiceContexts.startupFailure(context))
                        .contains("penguin.retry.tiers").contains("delay 'soon' is not a number with ms, s, m, h or d"));
    }

    @Test
    void refusesToStartWithTheLastLegTopicAsATier() {
        service.withPropertyValues("penguin.retry.tiers=webhooks.retry.last=1s")
                .run(context -> assertThat(ServiceContexts.startupFailure(context))
                        .contains("penguin.retry.tiers").contains("webhooks.retry.last is the last-leg topic, not a delay tier"));
    }
}
