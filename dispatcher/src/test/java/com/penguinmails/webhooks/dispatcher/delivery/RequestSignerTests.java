package com.penguinmails.webhooks.dispatcher.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.penguinmails.webhooks.dispatcher.DispatcherSettings;
import com.penguinmails.webhooks.model.DeliveryTask;
import com.penguinmails.webhooks.model.EventEnvelope;
import com.penguinmails.webhooks.model.EventType;
import com.penguinmails.webhooks.model.Json;
import com.penguinmails.webhooks.model.SigningSecret;
import com.penguinmails.webhooks.model.WebhookConfig;
import com.penguinmails.webhooks.model.signing.PenguinSignature;
import com.penguinmails.webhooks.model.signing.SecretCipher;
import com.penguinmails.webhooks.model.signing.StandardWebhookSignature;
import com.penguinmails.webhooks.model.signing.WebhookSecrets;

class RequestSignerTests {

    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    private final String key = SecretCipher.generateKey();
    private final SecretCipher cipher = new SecretCipher(key);
    private final RequestSigner signer = new RequestSigner(
            DispatcherSettings.of("secret-encryption-key", key, "retry-delays", "1m", "allow-private-targets", "false",
                    "connect-timeout", "5s", "config-load-timeout", "5s", "hand-off-after", "500ms"),
            Clock.fixed(NOW, ZoneOffset.UTC));
    private final EventEnvelope event = Json.read(EventType.EMAIL_OPENED.exampleJson(), EventEnvelope.class);
    private final DeliveryTask task = new DeliveryTask("dlv_1", "wh_1", "ws_1", event, 1, NOW);

    @Test
    void signsTheBodyItSendsWithBothSchemes() {
        String secret = WebhookSecrets.generate();
        SignedRequest request = signer.sign(webhook(WebhookConfig.FLAVOR_PLATFORM, secret), task);
        assertThat(request.url()).isEqualTo("https://example.com/h");
        assertThat(Json.read(request.body(), EventEnvelope.class)).isEqualTo(event);
        assertThat(request.headers()).containsEntry("X-PenguinMails-Event", "email.opened")
                .containsEntry("X-PenguinMails-Delivery-ID", "dlv_1").containsEntry("webhook-id", "dlv_1")
                .containsEntry("webhook-timestamp", Long.toString(NOW.getEpochSecond()))
                .containsEntry("User-Agent", "PenguinMails-Webhooks/1.0").doesNotContainKey("X-Webhook-Signature");
        assertThat(PenguinSignature.verify(secret, request.body(), request.headers().get("X-PenguinMails-Signature"))).isTrue();
        assertThat(StandardWebhookSignature.verify(secret, "dlv_1", request.headers().get("webhook-timestamp"), request.body(),
                request.headers().get("webhook-signature"), NOW, Duration.ofMinutes(5))).isTrue();
    }

    @Test
    void offersASignaturePerLiveSecretDuringRotationAndSignsWithTheNewest() {
        String current = WebhookSecrets.generate();
        String previous = WebhookSecrets.generate();
        SignedRequest request = signer.sign(webhook(WebhookConfig.FLAVOR_PLATFORM, current, previous), task);
        String header = request.headers().get("webhook-signature");
        assertThat(header.split(" ")).hasSize(2);
        for (String secret : List.of(current, previous)) {
            assertThat(StandardWebhookSignature.verify(secret, "dlv_1", request.headers().get("webhook-timestamp"),
                    request.body(), header, NOW, Duration.ofMinutes(5))).isTrue();
        }
        assertThat(PenguinSignature.verify(current, request.body(), request.headers().get("X-PenguinMails-Signature"))).isTrue();
        assertThat(PenguinSignature.verify(previous, request.body(), request.headers().get("X-PenguinMails-Signature"))).isFalse();
    }

    @Test
    void stopsSigningWithASecretWhoseGracePeriodEnded() {
        String current = WebhookSecrets.generate();
        String previous = WebhookSecrets.generate();
        WebhookConfig webhook = new WebhookConfig("wh_1", "ws_1", "https://example.com/h", List.of("email.opened"), "active",
                5000, 6, WebhookConfig.FLAVOR_PLATFORM, List.of(new SigningSecret(cipher.encrypt(current), null),
                new SigningSecret(cipher.encrypt(previous), NOW)), null, null, null);
        SignedRequest request = signer.sign(webhook, task);
        assertThat(request.headers().get("webhook-signature").split(" ")).hasSize(1);
        assertThat(StandardWebhookSignature.verify(previous, "dlv_1", request.headers().get("webhook-timestamp"),
                request.body(), request.headers().get("webhook-signature"), NOW, Duration.ofMinutes(5))).isFalse();
    }

    @Test
    void addsTheV1SignatureHeaderForV1Webhooks() {
        String secret = WebhookSecrets.generate();
        SignedRequest request = signer.sign(webhook(WebhookConfig.FLAVOR_V1, secret), task);
        assertThat(PenguinSignature.verify(secret, request.body(), request.headers().get("X-Webhook-Signature"))).isTrue();
        EventEnvelope sent = Json.read(request.body(), EventEnvelope.class);
        assertThat(sent.type()).isEqualTo("opened");
        assertThat(sent.data()).isEqualTo(event.data());
        assertThat(request.headers()).containsEntry("X-PenguinMails-Event", "email.opened");
    }

    @Test
    void keepsTheCatalogNameForV1WebhooksWhereSpec003HasNoShortName() {
        EventEnvelope created = Json.read(EventType.CONTACT_CREATED.exampleJson(), EventEnvelope.class);
        SignedRequest request = signer.sign(webhook(WebhookConfig.FLAVOR_V1, WebhookSecrets.generate()),
                new DeliveryTask("dlv_2", "wh_1", "ws_1", created, 1, NOW));
        assertThat(Json.read(request.body(), EventEnvelope.class).type()).isEqualTo("contact.created");
    }

    @Test
    void writesTheBodyAsJsonStringifyWouldSoThatReSerialisingReceiversVerifyIt() {
        // as the event reaches the dispatcher from a producer that wrote odd number forms, escapes and whitespace
        EventEnvelope odd = Json.read("""
                {"id":"evt_odd","type":"email.opened","created_at":"2025-11-25T14:30:00Z",
                 "data":{ "email_id" : "msg_1", "amount": 1.5e4, "price": 14500.0, "rate": 0.30, "zero": -0, "hundred": 1E2,
                          "city": "Montr\\u00e9al", "url": "https:\\/\\/example.com\\/x", "10": "ten", "2": "two"}}""", EventEnvelope.class);
        String secret = WebhookSecrets.generate();
        for (String flavor : List.of(WebhookConfig.FLAVOR_PLATFORM, WebhookConfig.FLAVOR_V1)) {
            SignedRequest request = signer.sign(webhook(flavor, secret), new DeliveryTask("dlv_odd", "wh_1", "ws_1", odd, 1, NOW));
            String type = flavor.equals(WebhookConfig.FLAVOR_V1) ? "opened" : "email.opened";
            // node -e 'console.log(JSON.stringify(JSON.parse(body)))' prints the body unchanged
            assertThat(new String(request.body(), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"evt_odd\",\"type\":\"" + type
                    + "\",\"created_at\":\"2025-11-25T14:30:00Z\",\"data\":{\"2\":\"two\",\"10\":\"ten\",\"email_id\":\"msg_1\","
                    + "\"amount\":15000,\"price\":14500,\"rate\":0.3,\"zero\":0,\"hundred\":100,\"city\":\"Montréal\","
                    + "\"url\":\"https://example.com/x\"}}");
            assertThat(PenguinSignature.verify(secret, request.body(), request.headers().get("X-PenguinMails-Signature"))).isTrue();
        }
    }

    @Test
    void sendsTheOwnersHeadersButNeverLetsThemReplaceOurs() {
        String secret = WebhookSecrets.generate();
        WebhookConfig plain = webhook(WebhookConfig.FLAVOR_PLATFORM, secret);
        java.util.Map<String, String> own = new java.util.LinkedHashMap<>();
        own.put("Authorization", "Bearer receiver-token");
        own.put("X-Tenant", "acme");
        // a config record that slipped past the API's validation still cannot forge a signature or the body's type
        own.put("X-PenguinMails-Signature", "sha256=forged");
        own.put("Content-Type", "text/plain");
        WebhookConfig webhook = new WebhookConfig(plain.id(), plain.workspaceId(), plain.url(), plain.eventTypes(), plain.status(),
                plain.timeoutMillis(), plain.maxAttempts(), plain.flavor(), plain.secrets(), null, null, own);
        SignedRequest request = signer.sign(webhook, task);
        assertThat(request.headers()).containsEntry("Authorization", "Bearer receiver-token").containsEntry("X-Tenant", "acme")
                .containsEntry("Content-Type", "application/json");
        assertThat(PenguinSignature.verify(secret, request.body(), request.headers().get("X-PenguinMails-Signature"))).isTrue();
    }

    private WebhookConfig webhook(String flavor, String... secrets) {
        return new WebhookConfig("wh_1", "ws_1", "https://example.com/h", List.of("email.opened"), "active", 5000, 6, flavor,
                java.util.Arrays.stream(secrets).map(s -> new SigningSecret(cipher.encrypt(s), null)).toList(), null, null, null);
    }
}
