package io.perennial.api.tax;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.audit.AuditTrail;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.tax.TaxBehavior;
import io.perennial.tax.TaxSettingsRepository;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.net.URI;
import java.util.List;
import java.util.UUID;

/**
 * Admins maintain tax: rates per country and product tax category with validity dates, each product's tax
 * category, and whether each plan's prices include tax. Audited like every catalogue change; invoices copy what
 * they used, so a change applies to invoices issued after it.
 */
@Controller("/v1/admin")
@Secured("ADMIN")
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class TaxAdminController {

    @Serdeable
    public record PlanTaxRequest(@NotNull TaxBehavior taxBehavior) {
    }

    @Serdeable
    public record ProductTaxRequest(@NotNull @Pattern(regexp = "[a-z][a-z0-9_-]{0,31}") String taxCategory) {
    }

    @Serdeable
    public record PlanTaxView(String planId, TaxBehavior taxBehavior) {
    }

    @Serdeable
    public record ProductTaxView(String productId, String taxCategory) {
    }

    private final TaxRateBook rates;
    private final TaxSettingsRepository settings;
    private final AuditTrail audit;

    public TaxAdminController(TaxRateBook rates, TaxSettingsRepository settings, AuditTrail audit) {
        this.rates = rates;
        this.settings = settings;
        this.audit = audit;
    }

    @Get("/tax-rates")
    public List<TaxRateView> list() {
        return rates.all().stream().map(TaxRateView::of).toList();
    }

    @Get("/tax-rates/{id}")
    @ProblemResponses.InvalidRequest
    @ProblemResponses.NotFound
    public TaxRateView get(UUID id) {
        return TaxRateView.of(rates.get(id));
    }

    @Post("/tax-rates")
    @Status(HttpStatus.CREATED)
    @ProblemResponses.InvalidBody
    @ProblemResponses.Conflict
    public HttpResponse<TaxRateView> create(Authentication authentication, @Body @Valid TaxRateRequest request) {
        TaxRateView created = TaxRateView.of(audit.change(authentication, "tax-rate.created",
                "tax-rate:" + request.country() + "/" + request.category(), null, () -> rates.create(request),
                TaxAdminController::describe));
        return HttpResponse.created(created, URI.create("/v1/admin/tax-rates/" + created.id()));
    }

    @Put("/tax-rates/{id}")
    @ProblemResponses.InvalidBody
    @ProblemResponses.NotFound
    @ProblemResponses.Conflict
    public TaxRateView update(Authentication authentication, UUID id, @Body @Valid TaxRateRequest request) {
        return TaxRateView.of(audit.change(authentication, "tax-rate.updated", "tax-rate:" + id, null,
                () -> rates.update(id, request), TaxAdminController::describe));
    }

    @Delete("/tax-rates/{id}")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponses.InvalidRequest
    @ProblemResponses.NotFound
    public HttpResponse<Void> delete(Authentication authentication, UUID id) {
        audit.change(authentication, "tax-rate.deleted", "tax-rate:" + id, null, () -> rates.delete(id),
                TaxAdminController::describe);
        return HttpResponse.noContent();
    }

    /** Whether the plan's prices include tax; applies to the plan's invoices issued from now on. */
    @Put("/plans/{planId}/tax")
    @ProblemResponses.InvalidBody
    @ProblemResponses.NotFound
    public PlanTaxView planTax(Authentication authentication, String planId, @Body @Valid PlanTaxRequest request) {
        audit.change(authentication, "plan.tax-changed", "plan:" + planId, null, () -> {
            if (settings.setPlanTaxBehavior(planId, request.taxBehavior().name()) == 0) {
                throw ApiProblems.notFound("Plan", planId);
            }
            return request.taxBehavior();
        }, behavior -> "taxBehavior " + behavior);
        return new PlanTaxView(planId, request.taxBehavior());
    }

    /** The product's tax category, which picks its rate ({@code standard}, {@code reduced}, ...). */
    @Put("/products/{productId}/tax")
    @ProblemResponses.InvalidBody
    @ProblemResponses.NotFound
    public ProductTaxView productTax(Authentication authentication, String productId,
                                     @Body @Valid ProductTaxRequest request) {
        audit.change(authentication, "product.tax-changed", "product:" + productId, null, () -> {
            if (settings.setProductTaxCategory(productId, request.taxCategory()) == 0) {
                throw ApiProblems.notFound("Product", productId);
            }
            return request.taxCategory();
        }, category -> "taxCategory " + category);
        return new ProductTaxView(productId, request.taxCategory());
    }

    private static String describe(io.perennial.tax.TaxRate rate) {
        return rate.country() + "/" + rate.taxCategory() + " " + rate.ratePercent().stripTrailingZeros().toPlainString()
                + "% from " + rate.validFrom() + (rate.validTo() == null ? "" : " to " + rate.validTo());
    }
}
