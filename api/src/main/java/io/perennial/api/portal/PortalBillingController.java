package io.perennial.api.portal;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.perennial.api.auth.BillingUsersMay;
import io.perennial.api.billing.BillingReads;
import io.perennial.api.billing.InvoicePayments;
import io.perennial.api.billing.RedirectPaymentView;
import io.perennial.api.billing.InvoiceView;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.ProblemException;
import io.perennial.billing.SentInvoice;
import io.swagger.v3.oas.annotations.Hidden;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

/** My invoices with their lines, each also as a PDF, read through BillingReads like the JSON API. */
@Controller(PortalSessions.PATH + "/invoices")
@Secured(SecurityRule.IS_ANONYMOUS)
@Hidden
@CsrfChecked
public class PortalBillingController {

    private final BillingReads billing;
    private final PortalPages pages;
    private final InvoicePdf pdf;
    private final String bankAccount;
    private final InvoicePayments payments;

    /** @param bankAccount where a sent invoice is paid by transfer, as its email says */
    public PortalBillingController(BillingReads billing, PortalPages pages, InvoicePdf pdf,
                                   @Value("${perennial.billing.bank-account:" + SentInvoice.DEMO_BANK_ACCOUNT + "}")
                                   String bankAccount, InvoicePayments payments) {
        this.payments = payments;
        this.bankAccount = bankAccount;
        this.billing = billing;
        this.pages = pages;
        this.pdf = pdf;
    }

    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<?> list(HttpRequest<?> request, @Nullable Authentication authentication) {
        var caller = PortalPages.caller(authentication);
        if (caller.isEmpty()) {
            return PortalPages.toSignIn();
        }
        try {
            return pages.page(request, "portal/invoices",
                    Map.of("invoices", billing.invoicesOfCustomer(caller.get(), 100, null).items()));
        } catch (ProblemException refused) {
            return pages.problem(request, refused);
        }
    }

    /** @param payment {@code redirect} when the customer comes back from the provider's page */
    @Get(uri = "/{id}", produces = MediaType.TEXT_HTML)
    public HttpResponse<?> show(HttpRequest<?> request, @Nullable Authentication authentication, String id,
                                @QueryValue @Nullable String payment) {
        var caller = PortalPages.caller(authentication);
        if (caller.isEmpty()) {
            return PortalPages.toSignIn();
        }
        try {
            InvoiceView invoice = billing.invoice(caller.get(), parse(id));
            // Back from the provider: its confirmation may still be on the way.
            boolean confirming = "redirect".equals(payment) && "OPEN".equals(invoice.status());
            return pages.page(request, "portal/invoice",
                    Map.of("invoice", invoice, "bankAccount", bankAccount, "confirming", confirming));
        } catch (ProblemException refused) {
            return pages.problem(request, refused);
        }
    }

    @Get(uri = "/{id}/pdf", produces = {"application/pdf", MediaType.TEXT_HTML})
    public HttpResponse<?> pdf(HttpRequest<?> request, @Nullable Authentication authentication, String id) {
        var caller = PortalPages.caller(authentication);
        if (caller.isEmpty()) {
            return PortalPages.toSignIn();
        }
        try {
            InvoiceView invoice = billing.invoice(caller.get(), parse(id));
            return HttpResponse.ok(pdf.render(invoice, pages.locale(request)))
                    .contentType(MediaType.of("application/pdf"))
                    .header("Content-Disposition", "attachment; filename=\"invoice-" + invoice.number() + ".pdf\"");
        } catch (ProblemException refused) {
            return pages.problem(request, refused);
        }
    }

    /**
     * Pays a sent invoice by Alipay or WeChat Pay: to the provider's page, which sends the customer back here; the
     * invoice shows paid once the provider's confirmation arrived.
     */
    @Post(uri = "/{id}/pay", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @ExecuteOn(TaskExecutors.BLOCKING)
    @BillingUsersMay
    public HttpResponse<?> pay(HttpRequest<?> request, @Nullable Authentication authentication, String id,
                               @Body PortalForms.PayInvoice form) {
        var caller = PortalPages.caller(authentication);
        if (caller.isEmpty()) {
            return PortalPages.toSignIn();
        }
        try {
            RedirectPaymentView session = payments.start(caller.get(), parse(id), PortalForms.text(form.method()),
                    null);
            return HttpResponse.seeOther(URI.create(session.redirectUrl()));
        } catch (ProblemException refused) {
            return pages.problem(request, refused);
        }
    }

    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiProblems.notFound("Invoice", id);
        }
    }
}
