package com.penguinmails.webhooks.retry;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the retry scheduler.
 *
 * @param groupId        the consumer group of the delay-topic consumer
 * @param maxPollWait    the longest one poll blocks; it blocks less when a paused partition or a held record falls due
 *                       sooner
 * @param holdMaxRecords the most records of the last-leg topic read ahead of their due time and held in memory
 *                       (about 1 KB each); when reached, its partitions are paused until records leave. A record
 *                       waits there less than the shortest tier's delay (on average half of it), so the hold needs
 *                       about the due rate times that; fewer delays the records behind by up to that delay.
 */
@ConfigurationProperties("penguin.retry-scheduler")
public record RetrySchedulerProperties(
        @DefaultValue("retry-scheduler") String groupId,
        @DefaultValue("1s") Duration maxPollWait,
        @DefaultValue("50000") int holdMaxRecords) {

    public RetrySchedulerProperties {
        if (holdMaxRecords < 1) {
            throw new IllegalArgumentException("penguin.retry-scheduler.hold-max-records must be at least 1");
        }
    }
}
