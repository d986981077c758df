package io.perennial.api.webhook;

import com.google.gson.JsonParseException;
import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.Webhook;
import io.micronaut.context.annotation.Value;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.Problem;
import io.perennial.api.problem.ProblemException;
import io.perennial.audit.AuditEntry;
import io.perennial.audit.AuditLog;
import io.perennial.providerevent.ProviderEvent;
import io.perennial.providerevent.ProviderEventWorkflow;
import io.perennial.providerevent.ProviderWebhookEvent;
import io.perennial.providerevent.ProviderWebhookEventRepository;
import io.perennial.temporal.TaskQueues;
import io.perennial.temporal.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.Optional;

/**
 * Stripe webhooks: the signature is checked by stripe-java ({@link Webhook#constructEvent}, with the endpoint's
 * signing secret and a timestamp tolerance), the event is recorded by its id, and its effects are handed to the
 * workflow {@code provider-event-{eventId}}, which the worker runs: the API changes no ledger itself. Stripe delivers
 * at least once: a redelivery finds its event started and starts nothing, and two concurrent deliveries start one
 * workflow (its id is the event's).
 */
@Singleton
public class StripeWebhooks {

    private static final Logger log = LoggerFactory.getLogger(StripeWebhooks.class);
    static final String PROVIDER = "stripe";

    private final String secret;
    private final Duration tolerance;
    private final ProviderWebhookEventRepository events;
    private final TransactionOperations<Connection> transactions;
    private final AuditLog audit;
    private final WorkflowClient temporal;

    public StripeWebhooks(@Value("${perennial.payments.stripe.webhook-secret:}") String secret,
                          @Value("${perennial.payments.stripe.webhook-tolerance:5m}") Duration tolerance,
                          ProviderWebhookEventRepository events, TransactionOperations<Connection> transactions,
                          AuditLog audit, WorkflowClient temporal) {
        this.secret = secret;
        this.tolerance = tolerance;
        this.events = events;
        this.transactions = transactions;
        this.audit = audit;
        this.temporal = temporal;
    }

    /**
     * @param outcome ACCEPTED (its effects are being applied), DUPLICATE (delivered before; nothing more is done) or
     *                IGNORED (a type Perennial does not act on)
     */
    @Serdeable
    public record Receipt(String eventId, String type, String outcome) {
    }

    public Receipt receive(byte[] body, String header) {
        Event event = verified(new String(body, StandardCharsets.UTF_8), header);
        Optional<ProviderEvent> actionable;
        try {
            actionable = StripeEvents.read(event);
        } catch (RuntimeException unreadable) {
            throw invalid("The event's data object is not what Stripe documents for " + event.getType() + ".");
        }
        ProviderWebhookEvent recorded = transactions.executeWrite(status -> {
            events.recordDelivery(event.getId(), PROVIDER, event.getType());
            return events.findById(event.getId()).orElseThrow();
        });
        if (actionable.isEmpty()) {
            if (!"IGNORED".equals(recorded.outcome())) {
                transactions.executeWrite(status -> {
                    events.markOutcome(event.getId(), "IGNORED");
                    return null;
                });
            }
            log.debug("Stripe event {} of type {} acknowledged and ignored", event.getId(), event.getType());
            return new Receipt(event.getId(), event.getType(), "IGNORED");
        }
        if ("STARTED".equals(recorded.outcome())) {
            log.info("Stripe event {} ({}) delivered again ({} deliveries); already applied", event.getId(),
                    event.getType(), recorded.deliveries());
            return new Receipt(event.getId(), event.getType(), "DUPLICATE");
        }
        String outcome = start(actionable.get());
        transactions.executeWrite(status -> {
            events.markOutcome(event.getId(), "STARTED");
            return null;
        });
        return new Receipt(event.getId(), event.getType(), outcome);
    }

    /** Starts the event's workflow; a concurrent delivery that started it first makes this one a duplicate. */
    private String start(ProviderEvent event) {
        ProviderEventWorkflow workflow = temporal.newWorkflowStub(ProviderEventWorkflow.class,
                WorkflowOptions.newBuilder().setWorkflowId(WorkflowIds.providerEvent(event.eventId()))
                        .setTaskQueue(TaskQueues.SUBSCRIPTIONS)
                        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                        .build());
        try {
            WorkflowClient.start(workflow::apply, event);
            log.info("Stripe event {} ({}) accepted: {}", event.eventId(), event.kind(),
                    WorkflowIds.providerEvent(event.eventId()));
            return "ACCEPTED";
        } catch (WorkflowExecutionAlreadyStarted concurrent) {
            return "DUPLICATE";
        }
    }

    private Event verified(String payload, String header) {
        if (secret == null || secret.isBlank()) {
            throw refused("no webhook signing secret is configured (perennial.payments.stripe.webhook-secret)");
        }
        if (header == null || header.isBlank()) {
            throw refused("the Stripe-Signature header is missing");
        }
        try {
            return Webhook.constructEvent(payload, header, secret, tolerance.toSeconds());
        } catch (SignatureVerificationException e) {
            throw refused(e.getMessage());
        } catch (JsonParseException | IllegalStateException e) {
            throw invalid("The body is not a Stripe event.");
        }
    }

    /** Audited: someone posts events we did not sign for, or the secret is wrong (ops must look either way). */
    private ProblemException refused(String reason) {
        log.warn("Stripe webhook refused: {}", reason);
        try {
            transactions.executeWrite(status -> audit.save(AuditEntry.of("stripe-webhook", "webhook.refused",
                    "webhook:" + PROVIDER, reason.length() > 500 ? reason.substring(0, 500) : reason, "refused")));
        } catch (RuntimeException auditDown) {
            log.error("Could not audit a refused Stripe webhook", auditDown);
        }
        return new ProblemException(new Problem(ApiProblems.BASE + "invalid-signature", "Invalid signature", 400,
                "The Stripe-Signature is refused: " + reason + ".", null, null));
    }

    private static ProblemException invalid(String detail) {
        return new ProblemException(new Problem(ApiProblems.BASE + "validation", "Invalid request", 400, detail,
                null, null));
    }
}
