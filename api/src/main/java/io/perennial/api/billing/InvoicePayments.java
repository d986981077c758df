package io.perennial.api.billing;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.server.EmbeddedServer;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.Problem;
import io.perennial.api.problem.ProblemException;
import io.perennial.billing.InvoicePaymentWorkflow;
import io.perennial.billing.InvoiceRecord;
import io.perennial.billing.InvoiceRepository;
import io.perennial.billing.InvoiceStatus;
import io.perennial.billing.RedirectMethods;
import io.perennial.billing.RedirectPaymentRequest;
import io.perennial.billing.RedirectPaymentSession;
import io.perennial.billing.SentInvoiceRepository;
import io.perennial.temporal.TaskQueues;
import io.perennial.temporal.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Singleton;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Paying a sent invoice by a redirect method (Alipay, WeChat Pay), for the JSON API and the portal alike: the
 * invoice must be the caller's (another's answers 404 like a missing one) and a sent, open invoice (409 otherwise);
 * the session is opened by {@code InvoicePaymentWorkflow} in the worker, which asks the provider under the key
 * {@code {invoiceId}:redirect:{method}}, so asking twice gives the same session. The provider's confirmation arrives
 * later as its event and pays the invoice there.
 */
@Singleton
public class InvoicePayments {

    /** The customer waits for the provider's page; the workflow gives up on the provider within about 15 s. */
    private static final long WAIT_SECONDS = 20;

    private final InvoiceRepository invoices;
    private final SentInvoiceRepository sentInvoices;
    private final WorkflowClient temporal;
    private final String publicUrl;
    private final BeanProvider<EmbeddedServer> server;

    /** @param publicUrl the public address of this API and portal (empty: this server's own, right when embedded) */
    public InvoicePayments(InvoiceRepository invoices, SentInvoiceRepository sentInvoices, WorkflowClient temporal,
                           @Value("${perennial.public-url:}") String publicUrl, BeanProvider<EmbeddedServer> server) {
        this.invoices = invoices;
        this.sentInvoices = sentInvoices;
        this.temporal = temporal;
        this.publicUrl = publicUrl;
        this.server = server;
    }

    /** @param returnUrl where the provider sends the customer back; null for the portal's page of the invoice */
    public RedirectPaymentView start(CurrentUser caller, UUID invoiceId, String method, @Nullable String returnUrl) {
        InvoiceRecord invoice = invoices.findById(invoiceId).filter(found -> caller.mayRead(found.customerId()))
                .orElseThrow(() -> ApiProblems.notFound("Invoice", invoiceId));
        if (!RedirectMethods.ALL.contains(method)) {
            throw ApiProblems.invalidField("/method", "one of " + String.join(", ", RedirectMethods.ALL));
        }
        if (invoice.status() != InvoiceStatus.OPEN || sentInvoices.findByInvoiceId(invoiceId).isEmpty()) {
            throw notPayable(invoice);
        }
        String back = returnUrl != null ? returnUrl : base() + "/portal/invoices/" + invoiceId + "?payment=redirect";
        return view(open(invoice, new RedirectPaymentRequest(invoiceId.toString(), method, back)));
    }

    private RedirectPaymentSession open(InvoiceRecord invoice, RedirectPaymentRequest request) {
        String workflowId = WorkflowIds.invoicePayment(request.invoiceId(), request.method());
        InvoicePaymentWorkflow workflow = temporal.newWorkflowStub(InvoicePaymentWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(workflowId)
                        .setTaskQueue(TaskQueues.SUBSCRIPTIONS)
                        // A second ask while the first runs joins it; one after it finished runs again and
                        // finds the same session by its key.
                        .setWorkflowIdConflictPolicy(WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                        .setStaticSummary("Pay invoice " + invoice.number() + " by " + request.method())
                        .build());
        var execution = WorkflowClient.start(workflow::openRedirect, request);
        try {
            return temporal.newUntypedWorkflowStub(workflowId, java.util.Optional.of(execution.getRunId()),
                            java.util.Optional.empty())
                    .getResult(WAIT_SECONDS, TimeUnit.SECONDS, RedirectPaymentSession.class);
        } catch (TimeoutException e) {
            throw providerUnavailable("The payment provider has not opened the session in time.");
        } catch (WorkflowFailedException e) {
            if (e.getCause() instanceof io.temporal.failure.ActivityFailure activity
                    && activity.getCause() instanceof ApplicationFailure failure) {
                if (RedirectMethods.INVOICE_NOT_PAYABLE.equals(failure.getType())) {
                    throw notPayable(invoices.findById(invoice.id()).orElse(invoice));
                }
                if (RedirectMethods.METHOD_REFUSED.equals(failure.getType())) {
                    throw new ProblemException(new Problem(ApiProblems.BASE + "payment-method-unavailable",
                            "Payment method unavailable", 422, "The payment provider does not offer "
                            + request.method() + " for this payment; pay by bank transfer or another method.",
                            null, null));
                }
            }
            throw providerUnavailable("The payment provider could not open the session.");
        }
    }

    private RedirectPaymentView view(RedirectPaymentSession session) {
        String url = session.redirectUrl().startsWith("/") ? base() + session.redirectUrl() : session.redirectUrl();
        return new RedirectPaymentView(session.invoiceId(), session.method(), session.paymentKey(), url,
                session.expiresAt(), session.status());
    }

    private String base() {
        String base = publicUrl != null && !publicUrl.isBlank() ? publicUrl : server.get().getURL().toString();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static ProblemException providerUnavailable(String detail) {
        return new ProblemException(new Problem(ApiProblems.BASE + "payment-provider-unavailable",
                "Payment provider unavailable", 503, detail + " Nothing was charged; try again.", null, null),
                ApiProblems.OUTAGE_RETRY_AFTER_SECONDS);
    }

    private static ProblemException notPayable(InvoiceRecord invoice) {
        return new ProblemException(new Problem(ApiProblems.BASE + "invoice-not-payable", "Invoice not payable", 409,
                "Invoice " + invoice.number() + " is " + invoice.status() + (invoice.status() == InvoiceStatus.OPEN
                        ? " but is charged automatically" : "") + "; only an open invoice sent to the customer "
                        + "can be paid here.", null, null));
    }
}
