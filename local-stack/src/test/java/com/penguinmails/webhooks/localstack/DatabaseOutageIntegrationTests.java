package com.penguinmails.webhooks.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Json;
import tools.jackson.databind.JsonNode;

/**
 * A PostgreSQL outage: deliveries go on without it (the dispatcher never needs the database), and once it is back
 * the event store and the delivery log catch up with every event and attempt of the outage, none lost, none twice.
 */
class DatabaseOutageIntegrationTests {

    private static final int EVENTS = 20;

    @Test
    void deliveriesGoOnDuringAnOutageAndTheStoreAndLogCatchUpAfterIt() throws Exception {
        try (TestReceiver receiver = TestReceiver.start()) {
            String webhook = Tour.createWebhook(Map.of("url", receiver.url("/outage"), "events", List.of("contact.unsubscribed")))
                    .get("id").asString();
            JsonNode data = Json.mapper().readTree(EventType.CONTACT_UNSUBSCRIBED.exampleJson()).get("data");
            List<String> ids = new ArrayList<>();
            TestStack.get().stopPostgres();
            try {
                org.assertj.core.api.Assertions.assertThatThrownBy(TestStack::database).isInstanceOf(java.sql.SQLException.class);
                // management-api notices: its API needs the database
                TestStack.api().get().uri("/api/v1/platform/webhooks/{id}", webhook).exchange().expectStatus().is5xxServerError();
                for (int i = 0; i < EVENTS; i++) {
                    ids.addAll(Tour.publish(Map.of("type", "contact.unsubscribed", "data", data)));
                }
                // the receiver gets every event while the database is away
                receiver.awaitRequests(EVENTS, Tour.WAIT);
                assertThat(receiver.received().stream().map(r -> Json.mapper().readTree(r.body()).get("id").asString()))
                        .containsExactlyInAnyOrderElementsOf(ids);
            } finally {
                TestStack.get().startPostgres();
            }

            // the listeners retry with back-off (at most 30 s apart) until the database answers again
            Awaitility.await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> storedEvents(ids) == EVENTS);
            Awaitility.await().atMost(90, TimeUnit.SECONDS).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> Tour.deliveries(webhook).size() == EVENTS);
            JsonNode log = Tour.deliveries(webhook);
            assertThat(log.valueStream().map(d -> d.get("event_id").asString())).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(log.valueStream().map(d -> d.get("status").asString())).containsOnly("delivered");
            TestStack.api().delete().uri("/api/v1/platform/webhooks/{id}", webhook).exchange().expectStatus().isNoContent();
        }
    }

    private static long storedEvents(List<String> ids) throws Exception {
        try (var db = TestStack.database();
             var query = db.prepareStatement("select count(*) from webhook_events where id = any(?)")) {
            query.setArray(1, db.createArrayOf("text", ids.toArray()));
            try (var rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
