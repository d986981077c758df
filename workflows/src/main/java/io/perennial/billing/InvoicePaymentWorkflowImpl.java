package io.perennial.billing;

import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.RetryPolicies;

import java.time.Duration;

public class InvoicePaymentWorkflowImpl implements InvoicePaymentWorkflow {

    /**
     * The customer waits for the answer: a provider that does not answer within about 15 s fails the request (the
     * customer asks again, under the same key); an invoice that cannot be paid, or a method the provider will not
     * offer, is refused at once.
     */
    private final SentInvoiceActivities provider = ActivityStubs.remote(SentInvoiceActivities.class,
            RetryPolicies.attemptsWithin(RetryPolicies.GATEWAY.toBuilder()
                    .setDoNotRetry(RedirectMethods.INVOICE_NOT_PAYABLE, RedirectMethods.METHOD_REFUSED).build(), Duration.ofSeconds(15)));

    @Override
    public RedirectPaymentSession openRedirect(RedirectPaymentRequest request) {
        return provider.openRedirectPayment(request);
    }
}
