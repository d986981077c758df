package io.perennial.subscription;

import io.perennial.billing.BillingActivities;
import io.perennial.billing.InvoiceStatus;
import io.perennial.billing.IssuedInvoice;
import io.perennial.payment.ChargeReceipt;
import io.perennial.payment.CollectedInvoice;
import io.perennial.payment.InvoiceToCollect;
import io.perennial.payment.PaymentActivities;
import io.perennial.payment.PaymentDecline;
import io.perennial.payment.PaymentFailures;
import io.temporal.failure.ApplicationFailure;

/**
 * {@code IssueAndChargeInvoice} for the workflow tests' fakes, as the real activity does it: the fake ledger issues
 * the invoice, the fake provider charges it, and a decline is returned with the invoice instead of thrown.
 */
final class IssueThenCharge {

    private IssueThenCharge() {
    }

    static CollectedInvoice collect(BillingActivities billing, PaymentActivities payments, InvoiceToCollect request) {
        IssuedInvoice invoice = billing.issueInvoice(request.draft());
        if (invoice.status() == InvoiceStatus.PAID) {
            // Account credit paid it: nothing is charged, as the real activity's receipt of 0 says.
            return new CollectedInvoice(invoice, new ChargeReceipt(null, request.chargeOf(invoice.invoiceId(), 0)
                    .idempotencyKey(), 0, invoice.currency(), null, request.draft().issuedAt()), null);
        }
        try {
            return new CollectedInvoice(invoice, payments.chargeInvoice(request.chargeOf(invoice.invoiceId(),
                    invoice.totalMinor())), null);
        } catch (ApplicationFailure failure) {
            if (!PaymentFailures.PAYMENT_DECLINED.equals(failure.getType())) {
                throw failure;
            }
            return new CollectedInvoice(invoice, null,
                    failure.getDetails().get(0, PaymentDecline.class, PaymentDecline.class));
        }
    }
}
