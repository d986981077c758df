package io.perennial.catalog;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The add-ons admins offer. An add-on's prices are fixed once created (a subscriber copies the price when adding it,
 * so a new price is a new add-on); it is created in one transaction with its prices and plans.
 */
@Singleton
public class AddOnCatalogue {

    private final AddOnRepository addOns;
    private final PlanRepository plans;

    public AddOnCatalogue(AddOnRepository addOns, PlanRepository plans) {
        this.addOns = addOns;
        this.plans = plans;
    }

    @Transactional
    public AddOnOffer create(String code, String name, List<PlanPrice> prices, List<String> planIds) {
        Catalog.checkPrices(prices, "/prices");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < planIds.size(); i++) {
            String planId = planIds.get(i);
            if (!plans.existsById(planId)) {
                throw CatalogException.invalid("/planIds/" + i, "No plan " + planId + ".");
            }
            if (!seen.add(planId)) {
                throw CatalogException.invalid("/planIds/" + i, "Plan " + planId + " twice.");
            }
        }
        if (addOns.insertAddOn(code, name) == 0) {
            throw new CatalogException(CatalogException.Kind.CONFLICT, "Add-on " + code + " already exists.", "/code");
        }
        prices.forEach(price -> addOns.insertPrice(code, price.currency(), price.amountMinor()));
        planIds.forEach(planId -> addOns.insertPlan(code, planId));
        return find(code).orElseThrow();
    }

    public Optional<AddOnOffer> find(String code) {
        return addOns.findById(code).map(this::offer);
    }

    public List<AddOnOffer> all() {
        return addOns.findAllInOrder().stream().map(this::offer).toList();
    }

    private AddOnOffer offer(AddOn addOn) {
        return new AddOnOffer(addOn, List.copyOf(addOns.findPrices(addOn.code())),
                List.copyOf(addOns.findPlanIds(addOn.code())));
    }
}
