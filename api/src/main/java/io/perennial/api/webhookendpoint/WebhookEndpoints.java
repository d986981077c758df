package io.perennial.api.webhookendpoint;

import io.micronaut.core.annotation.Nullable;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.problem.ApiProblems;
import io.perennial.audit.AuditEntry;
import io.perennial.audit.AuditLog;
import io.perennial.temporal.codec.SealedSecrets;
import io.perennial.webhook.LoggedEvent;
import io.perennial.webhook.LoggedEventRepository;
import io.perennial.webhook.WebhookAttempt;
import io.perennial.webhook.WebhookAttemptRepository;
import io.perennial.webhook.WebhookConfiguration;
import io.perennial.webhook.WebhookDelivery;
import io.perennial.webhook.WebhookDeliveryRepository;
import io.perennial.webhook.WebhookEndpoint;
import io.perennial.webhook.WebhookEndpointRepository;
import io.perennial.webhook.WebhookEventTypes;
import io.perennial.webhook.WebhookOutbox;
import io.perennial.webhook.WebhookSignature;
import io.perennial.webhook.WebhookUrlGuard;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Webhook endpoints as admins manage them. Every change is audited ({@code webhook-endpoint.*}); deliveries are made
 * by the worker's relay and the endpoint's workflow, which a retry or replay reaches by marking deliveries to resend.
 */
@Singleton
public class WebhookEndpoints {

    /** The most events one replay resends; a longer outage is replayed in several windows. */
    static final int REPLAY_LIMIT = 10_000;

    private final WebhookEndpointRepository endpoints;
    private final WebhookDeliveryRepository deliveries;
    private final WebhookAttemptRepository attempts;
    private final LoggedEventRepository events;
    private final WebhookOutbox outbox;
    private final WebhookUrlGuard guard;
    private final SealedSecrets secrets;
    private final WebhookConfiguration configuration;
    private final AuditLog audit;

    public WebhookEndpoints(WebhookEndpointRepository endpoints, WebhookDeliveryRepository deliveries,
                            WebhookAttemptRepository attempts, LoggedEventRepository events, WebhookOutbox outbox,
                            WebhookUrlGuard guard, SealedSecrets secrets, WebhookConfiguration configuration,
                            AuditLog audit) {
        this.endpoints = endpoints;
        this.deliveries = deliveries;
        this.attempts = attempts;
        this.events = events;
        this.outbox = outbox;
        this.guard = guard;
        this.secrets = secrets;
        this.configuration = configuration;
        this.audit = audit;
    }

    public WebhookEndpointView create(CurrentUser admin, CreateWebhookEndpointRequest request) {
        guard.refusal(request.url()).ifPresent(why -> {
            throw ApiProblems.invalidField("/url", "the URL " + why);
        });
        checkEventTypes(request.eventTypes());
        String secret = WebhookSignature.newSecret();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        WebhookEndpoint saved = endpoints.save(new WebhookEndpoint(
                "we_" + UUID.randomUUID().toString().replace("-", ""), request.url(),
                WebhookEndpoint.joined(request.eventTypes()), request.description(), true, null,
                secrets.seal(secret), null, null, now, now));
        audited(admin, "webhook-endpoint.created", saved.id(), saved.url() + " " + saved.eventTypes());
        return WebhookEndpointView.withSecret(saved, secret);
    }

    public List<WebhookEndpointView> list() {
        return endpoints.findAllOldestFirst().stream().map(WebhookEndpointView::of).toList();
    }

    public WebhookEndpointView get(String id) {
        return WebhookEndpointView.of(find(id));
    }

    public WebhookEndpointView update(CurrentUser admin, String id, UpdateWebhookEndpointRequest request) {
        WebhookEndpoint endpoint = find(id);
        if (request.eventTypes() != null) {
            checkEventTypes(request.eventTypes());
        }
        boolean enabled = request.enabled() == null ? endpoint.enabled() : request.enabled();
        WebhookEndpoint changed = endpoints.update(new WebhookEndpoint(endpoint.id(), endpoint.url(),
                request.eventTypes() == null ? endpoint.eventTypes() : WebhookEndpoint.joined(request.eventTypes()),
                request.description() == null ? endpoint.description() : request.description(), enabled,
                enabled ? null : (endpoint.enabled() ? "disabled by an admin" : endpoint.disabledReason()),
                endpoint.secret(), endpoint.previousSecret(), endpoint.previousSecretUntil(), endpoint.createdAt(),
                Instant.now().truncatedTo(ChronoUnit.MICROS)));
        audited(admin, "webhook-endpoint.updated", id, "eventTypes=" + changed.eventTypes() + " enabled="
                + changed.enabled());
        return WebhookEndpointView.of(changed);
    }

    public void delete(CurrentUser admin, String id) {
        endpoints.delete(find(id));
        audited(admin, "webhook-endpoint.deleted", id, null);
    }

    /** A new secret signs from now on; the old one signs beside it until the overlap ends. */
    public WebhookEndpointView rotateSecret(CurrentUser admin, String id, @Nullable String overlap) {
        Duration window;
        try {
            window = overlap == null ? configuration.secretOverlap() : Duration.parse(overlap);
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiProblems.invalidField("/overlap", "'" + overlap + "' is not an ISO-8601 duration, e.g. PT24H");
        }
        if (window.isNegative() || window.compareTo(Duration.ofDays(7)) > 0) {
            throw ApiProblems.invalidField("/overlap", "the overlap is between PT0S and P7D");
        }
        WebhookEndpoint endpoint = find(id);
        String secret = WebhookSignature.newSecret();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        WebhookEndpoint rotated = endpoints.update(new WebhookEndpoint(endpoint.id(), endpoint.url(),
                endpoint.eventTypes(), endpoint.description(), endpoint.enabled(), endpoint.disabledReason(),
                secrets.seal(secret), endpoint.secret(), now.plus(window), endpoint.createdAt(), now));
        audited(admin, "webhook-endpoint.secret-rotated", id, "overlap " + window);
        return WebhookEndpointView.withSecret(rotated, secret);
    }

    public DeliveryViews.DeliveryPage deliveries(String id, @Nullable String after, int limit) {
        find(id);
        Long before = null;
        if (after != null) {
            try {
                before = Long.parseLong(after);
            } catch (NumberFormatException e) {
                throw ApiProblems.invalidField("/after", "not a cursor this list gave");
            }
        }
        List<WebhookDelivery> page = deliveries.page(id, before, limit + 1);
        List<WebhookDelivery> shown = page.stream().limit(limit).toList();
        Map<String, List<WebhookAttempt>> byDelivery = shown.isEmpty() ? Map.of()
                : attempts.findByDeliveryIds(shown.stream().map(WebhookDelivery::id).toList()).stream()
                .collect(Collectors.groupingBy(WebhookAttempt::deliveryId));
        List<DeliveryViews.DeliveryView> items = shown.stream()
                .map(delivery -> DeliveryViews.DeliveryView.of(delivery,
                        byDelivery.getOrDefault(delivery.id(), List.of())))
                .toList();
        return new DeliveryViews.DeliveryPage(items,
                page.size() > limit ? Long.toString(shown.get(shown.size() - 1).seq()) : null);
    }

    /** Resends one delivery now (the relay hands it to the endpoint's workflow within a second). */
    public DeliveryViews.DeliveryView retry(CurrentUser admin, String id, String deliveryId) {
        WebhookDelivery delivery = deliveries.findById(deliveryId)
                .filter(found -> found.endpointId().equals(id))
                .orElseThrow(() -> ApiProblems.notFound("Delivery", deliveryId));
        deliveries.resend(deliveryId);
        audited(admin, "webhook-delivery.retried", id, deliveryId);
        return DeliveryViews.DeliveryView.of(deliveries.findById(deliveryId).orElse(delivery), List.of());
    }

    /** Resends the window's events the endpoint wants, creating deliveries for those it never had. */
    public DeliveryViews.Replay replay(CurrentUser admin, String id, ReplayRequest request) {
        if (!request.since().isBefore(request.until())) {
            throw ApiProblems.invalidField("/until", "until must be after since");
        }
        WebhookEndpoint endpoint = find(id);
        List<LoggedEvent> window = events.createdBetween(request.since(), request.until(), REPLAY_LIMIT + 1);
        if (window.size() > REPLAY_LIMIT) {
            throw ApiProblems.invalidField("/until", "the window holds more than " + REPLAY_LIMIT
                    + " events; replay it in shorter windows");
        }
        outbox.ensureDeliveries(endpoint, window);
        int resent = deliveries.resendWindow(id, request.since(), request.until());
        audited(admin, "webhook-endpoint.replayed", id, request.since() + " to " + request.until());
        return new DeliveryViews.Replay(resent);
    }

    private WebhookEndpoint find(String id) {
        return endpoints.findById(id).orElseThrow(() -> ApiProblems.notFound("Webhook endpoint", id));
    }

    private static void checkEventTypes(List<String> types) {
        WebhookEventTypes.firstUnknown(types).ifPresent(unknown -> {
            throw ApiProblems.invalidField("/eventTypes", "'" + unknown + "' is not an event type; the catalogue "
                    + "is in docs/api.md (The event log), or use \"*\" for every type");
        });
    }

    private void audited(CurrentUser admin, String action, String endpointId, @Nullable String detail) {
        audit.save(AuditEntry.of(admin.userId().toString(), action, "webhook-endpoint:" + endpointId, detail,
                "done"));
    }
}
