package com.penguinmails.webhooks.retry;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the retry scheduler.
 *
 * @param groupId     the consumer group of the delay-topic consumer
 * @param maxPollWait the longest one poll blocks; it blocks less when a paused partition falls due sooner
 */
@ConfigurationProperties("penguin.retry-scheduler")
public record RetrySchedulerProperties(
        @DefaultValue("retry-scheduler") String groupId,
        @DefaultValue("1s") Duration maxPollWait) {
}
