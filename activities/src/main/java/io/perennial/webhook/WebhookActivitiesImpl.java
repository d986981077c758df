package io.perennial.webhook;

import io.micronaut.core.annotation.Nullable;
import io.perennial.audit.AuditEntry;
import io.perennial.audit.AuditLog;
import io.perennial.customer.Role;
import io.perennial.customer.UserAccount;
import io.perennial.customer.UserAccountRepository;
import io.perennial.notification.MailMessage;
import io.perennial.notification.MailSender;
import io.perennial.temporal.codec.SealedSecrets;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Singleton
public class WebhookActivitiesImpl implements WebhookActivities {

    private static final Logger log = LoggerFactory.getLogger(WebhookActivitiesImpl.class);
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
    static final int EXCERPT_BYTES = 1024;

    private final WebhookEndpointRepository endpoints;
    private final WebhookDeliveryRepository deliveries;
    private final WebhookAttemptRepository attempts;
    private final LoggedEventRepository events;
    private final WebhookUrlGuard guard;
    private final SealedSecrets secrets;
    private final WebhookMetrics metrics;
    private final UserAccountRepository users;
    private final MailSender mail;
    private final AuditLog audit;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(ATTEMPT_TIMEOUT)
            // A redirect could lead anywhere, past the address check.
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    public WebhookActivitiesImpl(WebhookEndpointRepository endpoints, WebhookDeliveryRepository deliveries,
                                 WebhookAttemptRepository attempts, LoggedEventRepository events,
                                 WebhookUrlGuard guard, SealedSecrets secrets, WebhookMetrics metrics,
                                 UserAccountRepository users, MailSender mail, AuditLog audit) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.events = events;
        this.guard = guard;
        this.secrets = secrets;
        this.metrics = metrics;
        this.users = users;
        this.mail = mail;
        this.audit = audit;
    }

    @Override
    public AttemptOutcome attempt(AttemptRequest request) {
        Optional<WebhookDelivery> found = deliveries.findById(request.deliveryId());
        if (found.isEmpty()) {
            return AttemptOutcome.GONE;
        }
        WebhookDelivery delivery = found.get();
        if (WebhookDelivery.SUCCEEDED.equals(delivery.status()) && delivery.attempts() >= request.attempt()) {
            return AttemptOutcome.DELIVERED; // this attempt succeeded before the activity was retried
        }
        Optional<WebhookEndpoint> endpoint = endpoints.findById(delivery.endpointId()).filter(WebhookEndpoint::enabled);
        Optional<LoggedEvent> event = events.findByEventId(delivery.eventId());
        if (endpoint.isEmpty() || event.isEmpty()) {
            return AttemptOutcome.GONE;
        }
        Instant at = Instant.now();
        Optional<String> refusal = guard.refusal(endpoint.get().url());
        if (refusal.isPresent()) {
            record(request, at, null, Duration.ZERO, null, "not sent: the URL " + refusal.get());
            metrics.attempted("refused", null);
            return AttemptOutcome.FAILED;
        }
        return send(request, endpoint.get(), event.get(), at);
    }

    private AttemptOutcome send(AttemptRequest request, WebhookEndpoint endpoint, LoggedEvent event, Instant at) {
        String body = WebhookPayload.body(event);
        long timestamp = at.getEpochSecond();
        HttpRequest post = HttpRequest.newBuilder(URI.create(endpoint.url()))
                .timeout(ATTEMPT_TIMEOUT)
                .header("content-type", "application/json")
                .header("user-agent", "Perennial-Webhooks/1")
                .header("webhook-id", event.id())
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", WebhookSignature.header(signingSecrets(endpoint, at), event.id(),
                        timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        long started = System.nanoTime();
        Integer status = null;
        String excerpt = null;
        String error = null;
        try {
            HttpResponse<InputStream> response = http.send(post, HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            try (InputStream answer = response.body()) {
                excerpt = excerpt(answer.readNBytes(EXCERPT_BYTES));
            }
        } catch (HttpTimeoutException e) {
            error = "no answer within " + ATTEMPT_TIMEOUT.toSeconds() + " s";
        } catch (IOException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("worker stopping mid-attempt; Temporal retries it", e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        boolean delivered = status != null && status >= 200 && status < 300;
        record(request, at, status, took, excerpt, error);
        metrics.attempted(delivered ? "delivered" : "failed", took);
        return delivered ? AttemptOutcome.DELIVERED : AttemptOutcome.FAILED;
    }

    /** The current secret, and the rotated-out one while its overlap lasts. */
    private List<String> signingSecrets(WebhookEndpoint endpoint, Instant now) {
        List<String> signing = new ArrayList<>();
        signing.add(secrets.open(endpoint.secret()));
        if (endpoint.previousSecret() != null && endpoint.previousSecretUntil() != null
                && endpoint.previousSecretUntil().isAfter(now)) {
            signing.add(secrets.open(endpoint.previousSecret()));
        }
        return signing;
    }

    private void record(AttemptRequest request, Instant at, @Nullable Integer status, Duration took,
                        @Nullable String excerpt, @Nullable String error) {
        attempts.insertOnce(UUID.randomUUID(), request.deliveryId(), request.attempt(), at, status, took.toMillis(),
                excerpt, error);
        deliveries.recordAttempt(request.deliveryId(), request.attempt(), at,
                status != null && status >= 200 && status < 300);
    }

    private static String excerpt(byte[] bytes) {
        // PostgreSQL text cannot hold NUL; a cut multi-byte character becomes a replacement character.
        return new String(bytes, StandardCharsets.UTF_8).replace("\u0000", "");
    }

    @Override
    public void giveUp(String deliveryId) {
        deliveries.giveUp(deliveryId);
    }

    @Override
    public void disable(EndpointDisabling disabling) {
        String reason = "failed every attempt since " + Instant.ofEpochMilli(disabling.failingSinceMillis());
        if (endpoints.disable(disabling.endpointId(), reason) == 0) {
            return;
        }
        disabling.undelivered().forEach(deliveries::giveUp);
        metrics.endpointDisabled();
        audit.save(AuditEntry.of("system", "webhook-endpoint.disabled", "webhook-endpoint:" + disabling.endpointId(),
                reason, "disabled"));
        for (UserAccount admin : users.findByRole(Role.ADMIN)) {
            try {
                mail.send(new MailMessage("webhook-endpoint-disabled:" + disabling.endpointId(), admin.email(),
                        "Webhook endpoint " + disabling.endpointId() + " disabled",
                        "Perennial disabled the webhook endpoint " + disabling.endpointId() + ": it " + reason
                                + ".\nFix the receiver, enable the endpoint again (PATCH enabled=true) and replay "
                                + "the window it missed (POST /v1/admin/webhook-endpoints/"
                                + disabling.endpointId() + "/replay)."));
            } catch (RuntimeException e) {
                log.warn("Could not e-mail {} about disabled webhook endpoint {}: {}", admin.email(),
                        disabling.endpointId(), e.getMessage());
            }
        }
    }
}
