package io.perennial.reconciliation;

import io.perennial.billing.InvoiceRecord;
import io.perennial.billing.InvoiceRepository;
import io.perennial.billing.InvoiceStatus;
import io.perennial.payment.Payment;
import io.perennial.payment.PaymentFailures;
import io.perennial.payment.PaymentStatus;
import io.perennial.payment.OrderPaymentRecord;
import io.perennial.subscription.CustomerActionAnswer;
import io.perennial.subscription.PaymentRetryRequest;
import io.perennial.subscription.SubscriptionRecordRepository;
import io.perennial.subscription.SubscriptionStatus;
import io.perennial.subscription.SubscriptionWorkflow;
import io.perennial.temporal.WorkflowIds;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import jakarta.inject.Singleton;

import java.util.UUID;

/**
 * What follows once the provider's answer to a charge in doubt is stored, wherever the answer came from (the
 * reconciliation sweep asking, or a signed webhook event telling): money taken for a voided invoice is to be given
 * back; a renewal held for the answer is woken to collect with it.
 */
@Singleton
public class SettledCharges {

    /** What a settled charge asks for next. */
    public enum Next { GIVE_BACK, WAKE_HELD_RENEWAL, NOTHING }

    private final InvoiceRepository invoices;
    private final SubscriptionRecordRepository subscriptions;
    private final WorkflowClient temporal;

    public SettledCharges(InvoiceRepository invoices, SubscriptionRecordRepository subscriptions,
                          WorkflowClient temporal) {
        this.invoices = invoices;
        this.subscriptions = subscriptions;
        this.temporal = temporal;
    }

    /** The status of the invoice a payment collects (null for charges without one), read before it is settled. */
    public InvoiceStatus invoiceStatus(Payment payment) {
        return payment.invoiceId() == null ? null
                : invoices.findById(payment.invoiceId()).map(InvoiceRecord::status).orElse(null);
    }

    /** @param invoiceStatus the invoice's status before the answer was stored ({@link #invoiceStatus}) */
    public static Next next(Payment answered, InvoiceStatus invoiceStatus) {
        if (answered.status() == PaymentStatus.SUCCEEDED && invoiceStatus == InvoiceStatus.VOID) {
            return Next.GIVE_BACK;
        }
        if (answered.status() != PaymentStatus.PENDING
                && (invoiceStatus == InvoiceStatus.OPEN || invoiceStatus == null)) {
            return Next.WAKE_HELD_RENEWAL;
        }
        return Next.NOTHING;
    }

    /** Signals a held renewal to collect now: it finds the stored answer under its key. Only a held one. */
    public boolean wake(UUID subscriptionId) {
        boolean held = subscriptions.findById(subscriptionId)
                .filter(row -> (row.status() == SubscriptionStatus.PAST_DUE
                        || row.status() == SubscriptionStatus.SUSPENDED)
                        && PaymentFailures.GATEWAY_UNAVAILABLE.equals(row.paymentIssue()))
                .isPresent();
        if (!held) {
            return false;
        }
        try {
            temporal.newWorkflowStub(SubscriptionWorkflow.class, WorkflowIds.subscription(subscriptionId.toString()))
                    .retryPayment(new PaymentRetryRequest("reconciliation", "the provider's answer was found"));
            return true;
        } catch (WorkflowException ended) {
            return false;
        }
    }

    /**
     * The provider holds the customer's answer to {@code waiting}, a charge of ours that was {@code REQUIRES_ACTION}:
     * the subscription waiting for it is told (signal {@code customerActionAnswered}) and reads the outcome from the
     * provider under the charge's key, as after the simulated provider's page. False when it has ended.
     */
    public boolean customerAnswered(Payment waiting) {
        return tell(WorkflowIds.subscription(waiting.subscriptionId().toString()), waiting.idempotencyKey());
    }

    /** The same for an order's charge that waits for the customer: the order is told. False when it has ended. */
    public boolean customerAnswered(OrderPaymentRecord waiting) {
        return tell(WorkflowIds.order(waiting.orderId()), waiting.idempotencyKey());
    }

    /** Both workflows take the answer under one signal name. */
    private boolean tell(String workflowId, String idempotencyKey) {
        try {
            temporal.newUntypedWorkflowStub(workflowId).signal(SubscriptionWorkflow.CUSTOMER_ACTION_ANSWERED,
                    new CustomerActionAnswer(idempotencyKey));
            return true;
        } catch (WorkflowException ended) {
            return false;
        }
    }
}
