package com.penguinmails.webhooks.dispatcher.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import com.penguinmails.webhooks.dispatcher.DispatcherProperties;
import com.penguinmails.webhooks.model.CustomHeaders;
import com.penguinmails.webhooks.model.DeliveryTask;
import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Headers;
import com.penguinmails.webhooks.model.WebhookConfig;
import com.penguinmails.webhooks.model.canonical.CanonicalJson;
import com.penguinmails.webhooks.model.signing.PenguinSignature;
import com.penguinmails.webhooks.model.signing.SecretCipher;
import com.penguinmails.webhooks.model.signing.StandardWebhookSignature;

/**
 * Builds the signed request of a delivery: the envelope as body in canonical form ({@link CanonicalJson}, the one place
 * where delivered bodies are written), {@code X-PenguinMails-Signature} with the current
 * secret, and Standard Webhooks headers with one signature per live secret (both during a rotation). A {@code /v1}
 * webhook (spec 003) also gets {@code X-Webhook-Signature} and the short type name in the body's {@code type}; the
 * {@code X-PenguinMails-Event} header keeps the catalog name.
 */
@Component
class RequestSigner {

    private final SecretCipher cipher;
    /** Encrypted secret → plain secret: decrypting (AES-GCM) on every delivery cost more than signing it. */
    private final Cache<String, String> plainSecrets = Caffeine.newBuilder().maximumSize(50_000).build();
    private final Clock clock;

    RequestSigner(DispatcherProperties properties, Clock clock) {
        this.cipher = new SecretCipher(properties.secretEncryptionKey());
        this.clock = clock;
    }

    SignedRequest sign(WebhookConfig webhook, DeliveryTask task) {
        boolean v1 = WebhookConfig.FLAVOR_V1.equals(webhook.flavor());
        // every delivered body, whatever path brought the event here, in the form JSON.stringify writes: receivers that
        // verify JSON.stringify(req.body), as the documents' Node snippets do, sign the same bytes as raw-body ones
        byte[] body = CanonicalJson.write(v1 ? withV1Type(task.event()) : task.event());
        Instant now = clock.instant();
        List<String> secrets = webhook.liveSecrets(now).stream().map(secret -> plainSecrets.get(secret.encrypted(), cipher::decrypt)).toList();
        if (secrets.isEmpty()) {
            throw new IllegalStateException("webhook " + webhook.id() + " has no live signing secret");
        }
        long timestamp = now.getEpochSecond();
        Map<String, String> headers = new LinkedHashMap<>();
        // the owner's headers first, and only allowed ones: ours below are set last, so none can be overridden
        if (webhook.headers() != null) {
            webhook.headers().forEach((name, value) -> {
                if (CustomHeaders.isAllowed(name)) {
                    headers.put(name, value);
                }
            });
        }
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", Headers.USER_AGENT_VALUE);
        headers.put(Headers.EVENT, task.event().type());
        headers.put(Headers.DELIVERY_ID, task.deliveryId());
        String signature = PenguinSignature.sign(secrets.getFirst(), body);
        headers.put(Headers.SIGNATURE, signature);
        if (v1) {
            headers.put(Headers.V1_SIGNATURE, signature);
        }
        headers.put(Headers.WEBHOOK_ID, task.deliveryId());
        headers.put(Headers.WEBHOOK_TIMESTAMP, Long.toString(timestamp));
        headers.put(Headers.WEBHOOK_SIGNATURE, StandardWebhookSignature.signAll(secrets, task.deliveryId(), timestamp, body));
        return new SignedRequest(webhook.url(), headers, body);
    }

    /** The envelope as a {@code /v1} receiver sees it: {@code type} is spec 003's short name where it has one. */
    private static EventEnvelope withV1Type(EventEnvelope event) {
        return EventType.fromName(event.type()).flatMap(EventType::v1Name)
                .map(shortName -> new EventEnvelope(event.id(), shortName, event.createdAt(), event.data()))
                .orElse(event);
    }
}
