package com.penguinmails.webhooks.management.poison;

import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.penguinmails.webhooks.model.TestSendResult;
import com.penguinmails.webhooks.model.Topics;
import com.penguinmails.webhooks.model.WorkspaceDeliveryState;
import com.penguinmails.webhooks.runtime.PoisonRecordPublisher;

/**
 * Parks the records of the topics every management-api instance reads in full, each on its own, when they do not
 * read: the workspace-state view (read from the start on every restart) and the test results (each instance keeps
 * the answers to its own requests). Those consumers only skip a bad record; parking it there would park it once per
 * instance and restart. This listener's consumer group parks each one once. It waits on Kafka's thread, so its offset
 * is committed only once the poison record is on the broker.
 */
@Component
class BroadcastTopicPoisonGuard {

    static final String LISTENER = "management-broadcast-guard";
    private static final long PARK_TIMEOUT_SECONDS = 60;

    private final PoisonRecordPublisher poison;

    BroadcastTopicPoisonGuard(PoisonRecordPublisher poison) {
        this.poison = poison;
    }

    @KafkaListener(id = LISTENER, groupId = "management-broadcast-guard", topics = {Topics.WORKSPACE_STATE, Topics.TEST_RESULTS})
    void check(ConsumerRecord<String, byte[]> record) {
        boolean compacted = record.topic().equals(Topics.WORKSPACE_STATE);
        Class<?> type = compacted ? WorkspaceDeliveryState.class : TestSendResult.class;
        poison.parkIfUnreadable(record, type, LISTENER, compacted).orTimeout(PARK_TIMEOUT_SECONDS, TimeUnit.SECONDS).join();
    }
}
