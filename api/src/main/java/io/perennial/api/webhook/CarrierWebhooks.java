package io.perennial.api.webhook;

import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.availability.TemporalCallTimeouts;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.Problem;
import io.perennial.api.problem.ProblemException;
import io.perennial.order.OrderFulfillmentWorkflow;
import io.perennial.order.OrderReadModel;
import io.perennial.order.OrderRecord;
import io.perennial.shipping.CarrierWebhookConfiguration;
import io.perennial.shipping.CarrierWebhookEvent;
import io.perennial.shipping.CarrierWebhookSignature;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Carrier webhooks: verify the signature over the raw body, read the event, find the order by tracking number,
 * claim the event id (a second or concurrent delivery of it does nothing) and signal {@code carrierEvent} to
 * {@code order-{orderId}}.
 */
@Singleton
public class CarrierWebhooks {

    private static final Logger log = LoggerFactory.getLogger(CarrierWebhooks.class);
    /** How often a delivery waiting on a concurrent one looks at the event again. */
    private static final Duration CLAIM_POLL = Duration.ofMillis(25);

    private final CarrierWebhookSignature signature;
    private final CarrierWebhookConfiguration configuration;
    private final CarrierWebhookInbox inbox;
    private final OrderReadModel orders;
    private final WorkflowClient temporal;
    private final ObjectMapper json;
    private final TemporalCallTimeouts timeouts;

    public CarrierWebhooks(CarrierWebhookConfiguration configuration, CarrierWebhookInbox inbox,
                           OrderReadModel orders, WorkflowClient temporal, ObjectMapper json,
                           TemporalCallTimeouts timeouts) {
        this.timeouts = timeouts;
        this.signature = configuration.signature();
        this.configuration = configuration;
        this.inbox = inbox;
        this.orders = orders;
        this.temporal = temporal;
        this.json = json;
    }

    /**
     * @param outcome SIGNALLED (the order has it), DUPLICATE (signalled before, or by a concurrent delivery of the
     *                same event, which this one waited for; nothing done) or
     *                ORDER_CLOSED (the order is finished; the event is kept, nothing moves)
     */
    @Serdeable
    public record Receipt(String eventId, String outcome) {
    }

    public Receipt receive(byte[] body, String header) {
        signature.verify(header, body, Instant.now(), configuration.tolerance()).ifPresent(refusal -> {
            log.warn("Carrier webhook refused: {}", refusal.reason());
            throw new ProblemException(new Problem(ApiProblems.BASE + "invalid-signature", "Invalid signature", 401,
                    "The " + CarrierWebhookSignature.HEADER + " signature is refused: " + refusal.reason() + ".",
                    null, null));
        });
        CarrierWebhookEvent event = read(body);
        OrderRecord order = orders.findByTrackingNumber(event.trackingNumber())
                .filter(found -> event.shipmentId() == null || event.shipmentId().equals(found.shipmentId()))
                .orElseThrow(() -> ApiProblems.notFoundBecause("No order has a shipment with tracking number "
                        + event.trackingNumber() + "."));
        inbox.record(event, order.orderId());
        if (!claimed(event)) {
            log.info("Carrier event {} ({}) of order {} delivered again; already signalled", event.eventId(),
                    event.type(), order.orderId());
            return new Receipt(event.eventId(), "DUPLICATE");
        }
        String outcome = "SIGNALLED";
        try {
            temporal.newWorkflowStub(OrderFulfillmentWorkflow.class, WorkflowIds.order(order.orderId()))
                    .carrierEvent(event.toSignal());
        } catch (WorkflowNotFoundException finished) {
            outcome = "ORDER_CLOSED";
        } catch (RuntimeException unsignalled) {
            // Temporal away: the event stays unsignalled and unclaimed, and the carrier's retry signals it.
            try {
                inbox.release(event.eventId());
            } catch (RuntimeException alsoDown) {
                unsignalled.addSuppressed(alsoDown); // the claim then expires on its own
            }
            throw unsignalled;
        }
        inbox.signalled(event.eventId());
        log.info("Carrier event {} ({}) of order {}: {}", event.eventId(), event.type(), order.orderId(), outcome);
        return new Receipt(event.eventId(), outcome);
    }

    /**
     * True when this delivery is to signal the event, false when it was signalled. While a concurrent delivery of it
     * is signalling, waits for its outcome (as long as a signal may take): signalled, or released for this one to
     * signal; a delivery still signalling after that is left alone and this one answered 503, so the carrier retries.
     */
    private boolean claimed(CarrierWebhookEvent event) {
        Instant giveUp = Instant.now().plus(timeouts.callTimeout()).plusSeconds(1);
        while (true) {
            CarrierWebhookInbox.Claim claim = inbox.claim(event.eventId());
            if (claim != CarrierWebhookInbox.Claim.IN_FLIGHT) {
                return claim == CarrierWebhookInbox.Claim.CLAIMED;
            }
            if (Instant.now().isAfter(giveUp)) {
                throw ApiProblems.serviceUnavailable("the workflow engine");
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(CLAIM_POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while another delivery signals the event", e);
        }
    }

    private CarrierWebhookEvent read(byte[] body) {
        CarrierWebhookEvent event;
        try {
            event = json.readValue(body, CarrierWebhookEvent.class);
        } catch (IOException | RuntimeException e) {
            throw invalid(List.of(new Problem.FieldError("", "not a carrier event: eventId, trackingNumber, type "
                    + "(PICKED_UP, IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED, EXCEPTION) and occurredAt")));
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        if (event.eventId() == null || event.eventId().isBlank() || event.eventId().length() > 200) {
            errors.add(new Problem.FieldError("/eventId", "1 to 200 characters"));
        }
        if (event.trackingNumber() == null || event.trackingNumber().isBlank()
                || event.trackingNumber().length() > 100) {
            errors.add(new Problem.FieldError("/trackingNumber", "1 to 100 characters"));
        }
        if (event.type() == null) {
            errors.add(new Problem.FieldError("/type", "required"));
        }
        if (event.occurredAt() == null) {
            errors.add(new Problem.FieldError("/occurredAt", "required, an ISO 8601 instant"));
        }
        if (event.detail() != null && event.detail().length() > 500) {
            errors.add(new Problem.FieldError("/detail", "at most 500 characters"));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return event;
    }

    private static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(new Problem(ApiProblems.BASE + "validation", "Invalid request", 400,
                "The carrier event is invalid.", null, errors));
    }
}
