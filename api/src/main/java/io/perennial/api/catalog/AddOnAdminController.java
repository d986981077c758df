package io.perennial.api.catalog;

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
import io.perennial.api.audit.AuditTrail;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.catalog.AddOnCatalogue;
import io.perennial.catalog.AddOnOffer;
import io.perennial.catalog.CatalogException;
import io.perennial.catalog.PlanPrice;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Admins define the add-ons subscriptions may carry (code, name, a price per currency, the plans they are for),
 * reprice them and retire them. Both of the latter apply to additions from then on: a subscription that carries an
 * add-on keeps it, at the price it added it at, until it removes it.
 */
@Controller("/v1/admin/add-ons")
@Secured("ADMIN")
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class AddOnAdminController {

    private static final String CODE = "[a-z0-9][a-z0-9_-]{1,62}";

    private final AddOnCatalogue addOns;
    private final AuditTrail audit;

    public AddOnAdminController(AddOnCatalogue addOns, AuditTrail audit) {
        this.addOns = addOns;
        this.audit = audit;
    }

    @Post
    @Status(HttpStatus.CREATED)
    @ProblemResponses.InvalidBody
    @ProblemResponses.Conflict
    @ProblemResponses.Unprocessable
    public HttpResponse<AddOnView> create(Authentication authentication, @Body @Valid CreateAddOnRequest request) {
        AddOnOffer created = audit.change(authentication, "add-on.created", "add-on:" + request.code(), null, () -> {
            try {
                return addOns.create(request.code(), request.name().strip(),
                        request.prices().stream().map(PriceBody::price).toList(),
                        request.planIds() == null ? List.of() : request.planIds());
            } catch (CatalogException e) {
                throw ApiProblems.catalog(e);
            }
        }, offer -> prices(offer.prices()));
        return HttpResponse.created(AddOnView.of(created), URI.create("/v1/admin/add-ons/" + created.addOn().code()));
    }

    /** Every add-on, retired ones included (with their {@code state}), oldest first. */
    @Get
    public List<AddOnView> list() {
        return addOns.all().stream().map(AddOnView::of).toList();
    }

    @Get("/{code}")
    @ProblemResponses.NotFound
    public AddOnView get(@Pattern(regexp = CODE) String code) {
        return addOns.find(code).map(AddOnView::of).orElseThrow(() -> ApiProblems.notFound("Add-on", code));
    }

    /** New prices (all of them) for additions from now on; carried add-ons keep theirs. */
    @Put("/{code}/prices")
    @ProblemResponses.InvalidBody
    @ProblemResponses.NotFound
    @ProblemResponses.Unprocessable
    public AddOnView reprice(Authentication authentication, @Pattern(regexp = CODE) String code,
                             @Body @Valid RepriceAddOnRequest request) {
        AddOnCatalogue.Repricing repriced = audit.change(authentication, "add-on.repriced", "add-on:" + code, null,
                () -> catalog(() -> addOns.reprice(code, request.prices().stream().map(PriceBody::price).toList(),
                        Instant.now())),
                change -> prices(change.before()) + " -> " + prices(change.offer().prices()));
        return AddOnView.of(repriced.offer());
    }

    /** Retires the add-on: added to no subscription from now on; those that carry it keep it. Again: no change. */
    @Delete("/{code}")
    @Status(HttpStatus.NO_CONTENT)
    @ProblemResponses.NotFound
    public HttpResponse<Void> retire(Authentication authentication, @Pattern(regexp = CODE) String code) {
        audit.change(authentication, "add-on.retired", "add-on:" + code, null,
                () -> catalog(() -> addOns.retire(code, Instant.now())),
                offer -> "retired " + offer.addOn().retiredAt());
        return HttpResponse.noContent();
    }

    /** What an audit entry says of an add-on's prices, e.g. {@code 500 EUR, 600 USD}. */
    private static String prices(List<PlanPrice> prices) {
        return prices.stream().map(price -> price.amountMinor() + " " + price.currency())
                .collect(Collectors.joining(", "));
    }

    private static <T> T catalog(Supplier<T> change) {
        try {
            return change.get();
        } catch (CatalogException e) {
            throw ApiProblems.catalog(e);
        }
    }
}
