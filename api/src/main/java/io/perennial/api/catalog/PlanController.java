package io.perennial.api.catalog;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.perennial.catalog.PlanRepository;

import java.util.List;

/** The public price list. */
@Controller("/v1/plans")
@Secured(SecurityRule.IS_ANONYMOUS)
public class PlanController {

    private final PlanRepository plans;

    public PlanController(PlanRepository plans) {
        this.plans = plans;
    }

    @Get
    public List<PlanView> list() {
        return plans.findByActiveTrueOrderByAmountMinor().stream().map(PlanView::of).toList();
    }
}
