package com.penguinmails.webhooks.runtime;

import java.time.Clock;

import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import com.penguinmails.webhooks.model.schedule.DelayTiers;

/**
 * What every service needs the same way: all topics created alike ({@link KafkaTopicsProperties},
 * {@link RetryTiersProperties}), a listener error policy that never skips a record, and an injectable clock.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({KafkaTopicsProperties.class, RetryTiersProperties.class})
public class ServiceFoundationConfiguration {

    /** Time comes from an injected clock so that tests can fix it. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** Reads {@code penguin.retry.tiers} into {@link RetryTiersProperties}. */
    @Bean
    @ConfigurationPropertiesBinding
    static DelayTiersConverter delayTiersConverter() {
        return new DelayTiersConverter();
    }

    /** The delay topics, {@link RetryTiersProperties}: the dispatcher writes to them and the scheduler reads them. */
    @Bean
    DelayTiers delayTiers(RetryTiersProperties retry) {
        return retry.tiers();
    }

    /** Where listeners park the records they cannot read, so that their partition moves on. */
    @Bean
    PoisonRecordPublisher poisonRecordPublisher(ObjectProvider<KafkaTemplate<String, byte[]>> kafka,
                                                @Value("${spring.application.name:service}") String service) {
        return new PoisonRecordPublisher(kafka, service);
    }

    /** Creates any missing topic at start-up, whichever service starts first. */
    @Bean
    KafkaAdmin.NewTopics penguinTopics(KafkaTopicsProperties topics, DelayTiers tiers) {
        return new KafkaAdmin.NewTopics(TopicDefinitions.all(topics, tiers).toArray(NewTopic[]::new));
    }

    /**
     * Retries a failed record forever with back-off (up to 30 s apart) instead of logging and skipping it after ten
     * tries, Spring Kafka's default: a failure here means Kafka itself could not take our output, and skipping would
     * lose the record. Listeners turn every expected failure (bad input, receiver errors) into an outcome instead.
     */
    @Bean
    DefaultErrorHandler kafkaErrorHandler() {
        ExponentialBackOff backOff = new ExponentialBackOff(200, 2.0);
        backOff.setMaxInterval(30_000);
        backOff.setMaxElapsedTime(Long.MAX_VALUE);
        return new DefaultErrorHandler(backOff);
    }
}
