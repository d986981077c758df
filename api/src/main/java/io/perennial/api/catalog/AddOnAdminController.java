package io.perennial.api.catalog;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.perennial.api.audit.AuditTrail;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.catalog.AddOnCatalogue;
import io.perennial.catalog.AddOnOffer;
import io.perennial.catalog.CatalogException;
import jakarta.validation.Valid;

import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;

/** Admins define the add-ons subscriptions may carry: code, name, a price per currency, and the plans they are for. */
@Controller("/v1/admin/add-ons")
@Secured("ADMIN")
@ProblemResponses.Unauthenticated
@ProblemResponses.Forbidden
public class AddOnAdminController {

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
        }, offer -> offer.prices().stream().map(price -> price.amountMinor() + " " + price.currency())
                .collect(Collectors.joining(", ")));
        return HttpResponse.created(AddOnView.of(created), URI.create("/v1/admin/add-ons/" + created.addOn().code()));
    }

    @Get
    public List<AddOnView> list() {
        return addOns.all().stream().map(AddOnView::of).toList();
    }
}
