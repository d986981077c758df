package io.perennial.api.catalog;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.perennial.api.problem.ApiProblems;
import io.perennial.api.problem.ProblemResponses;
import io.perennial.catalog.Catalog;
import io.swagger.v3.oas.annotations.Operation;

import java.util.List;

/** The public price list: the current version of every plan for sale. */
@Controller("/v1/plans")
@Secured(SecurityRule.IS_ANONYMOUS)
public class PlanController {

    private final Catalog catalog;

    public PlanController(Catalog catalog) {
        this.catalog = catalog;
    }

    @Get
    @Operation(operationId = "listPlans")
    public List<PlanView> list() {
        return catalog.activeOffers().stream().map(PlanView::of).toList();
    }

    @Get("/{planId}")
    @Operation(operationId = "getPlan")
    @ProblemResponses.NotFound
    public PlanView get(String planId) {
        return catalog.offer(planId).filter(offer -> offer.plan().active()).map(PlanView::of)
                .orElseThrow(() -> ApiProblems.notFound("Plan", planId));
    }

}
