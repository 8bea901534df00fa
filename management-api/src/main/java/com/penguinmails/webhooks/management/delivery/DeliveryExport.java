package com.penguinmails.webhooks.management.delivery;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;

import com.penguinmails.webhooks.management.auth.ApiPrincipal;
import com.penguinmails.webhooks.management.page.Cursor;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The filtered delivery log as a CSV download, streamed, for the API and the dashboard alike. It is read
 * {@value #BATCH_ROWS} rows at a time by keyset, each batch written before the next is read, so an export of any size
 * holds one batch in memory.
 */
@Service
public class DeliveryExport {

    static final int BATCH_ROWS = 1000;
    static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);
    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator("\r\n").get();
    private static final List<String> HEADER = List.of("delivery_id", "event_id", "event_type", "status", "attempts",
            "max_attempts", "status_code", "duration_ms", "error", "error_class", "created_at", "last_attempt_at", "next_attempt_at");

    private final DeliveryRepository deliveries;
    private final DeliveryService service;

    DeliveryExport(DeliveryRepository deliveries, DeliveryService service) {
        this.deliveries = deliveries;
        this.service = service;
    }

    /** The download of every delivery the query matches, newest first; 404 for a webhook not in the caller's workspace. */
    public Mono<ResponseEntity<Flux<DataBuffer>>> csv(ApiPrincipal caller, String webhookId, DeliveryListQuery query) {
        Flux<DataBuffer> rows = batch(caller.workspaceId(), webhookId, query, null)
                .expand(batch -> batch.size() < BATCH_ROWS ? Mono.empty()
                        : batch(caller.workspaceId(), webhookId, query, new Cursor(batch.getLast().createdAt(), batch.getLast().id())))
                .map(DeliveryExport::csv);
        return service.requireWebhook(caller, webhookId).then(Mono.fromSupplier(() -> ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + webhookId + "-deliveries.csv\"")
                .body(Flux.concat(Mono.fromSupplier(() -> buffer(line(HEADER))), rows))));
    }

    private Mono<List<DeliveryView>> batch(String workspaceId, String webhookId, DeliveryListQuery query, Cursor after) {
        return deliveries.findPage(workspaceId, webhookId, query, after, BATCH_ROWS).collectList();
    }

    private static DataBuffer csv(List<DeliveryView> batch) {
        StringBuilder text = new StringBuilder(batch.size() * 160);
        for (DeliveryView d : batch) {
            text.append(line(java.util.Arrays.asList(d.id(), d.eventId(), d.eventType(), d.status(), d.attempts(), d.maxAttempts(),
                    d.statusCode(), d.durationMs(), d.error(), d.errorClass(), d.createdAt(), d.lastAttemptAt(), d.nextAttemptAt())));
        }
        return buffer(text.toString());
    }

    /** One CSV record. A text cell that a spreadsheet would run as a formula is prefixed with {@code '} (OWASP). */
    static String line(List<?> values) {
        Object[] cells = values.stream().map(value -> value instanceof String text && !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0
                ? "'" + text : value).toArray();
        return FORMAT.format(cells) + "\r\n";
    }

    private static DataBuffer buffer(String text) {
        return DefaultDataBufferFactory.sharedInstance.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
