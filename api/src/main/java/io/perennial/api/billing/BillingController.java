package io.perennial.api.billing;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.perennial.api.auth.CurrentUser;
import io.perennial.api.problem.ProblemResponses;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import java.util.List;
import java.util.UUID;

/** Invoices and payments, each scoped to its owner: another customer's answers 404 like a missing one. */
@Controller("/v1")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ProblemResponses.Unauthenticated
@ProblemResponses.InvalidRequest
@ProblemResponses.NotFound
public class BillingController {

    private final BillingReads billing;
    private final UpcomingInvoices upcoming;

    public BillingController(BillingReads billing, UpcomingInvoices upcoming) {
        this.billing = billing;
        this.upcoming = upcoming;
    }

    /**
     * The subscription's next invoice as it would be issued now (lines, discount, tax, account credit applied);
     * 404 when it will not renew.
     */
    @Get("/subscriptions/{id}/upcoming-invoice")
    public UpcomingInvoiceView upcomingInvoice(Authentication authentication, UUID id) {
        return upcoming.of(CurrentUser.of(authentication), id);
    }

    @Get("/subscriptions/{id}/invoices")
    public List<InvoiceView> invoicesOfSubscription(Authentication authentication, UUID id) {
        return billing.invoicesOfSubscription(CurrentUser.of(authentication), id);
    }

    @Get("/subscriptions/{id}/payments")
    public List<PaymentView> paymentsOfSubscription(Authentication authentication, UUID id) {
        return billing.paymentsOfSubscription(CurrentUser.of(authentication), id);
    }

    /** My invoices, newest first; pass the last one's id as {@code after} for the next page. */
    @Get("/invoices")
    public InvoicePage myInvoices(Authentication authentication,
                                  @QueryValue(defaultValue = "20") @Min(1) @Max(100) int limit,
                                  @QueryValue @Nullable UUID after) {
        return billing.invoicesOfCustomer(CurrentUser.of(authentication), limit, after);
    }

    @Get("/invoices/{id}")
    public InvoiceView invoice(Authentication authentication, UUID id) {
        return billing.invoice(CurrentUser.of(authentication), id);
    }
}
