package io.perennial.billing;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Opens a redirect payment of a sent invoice at the provider ({@code invoice-payment-{invoiceId}-{method}}), started
 * by the API, which waits for the session: the API never calls the provider itself (the module rule). The payment's
 * outcome arrives later as the provider's event ({@code ProviderEventWorkflow}).
 */
@WorkflowInterface
public interface InvoicePaymentWorkflow {

    @WorkflowMethod
    RedirectPaymentSession openRedirect(RedirectPaymentRequest request);
}
