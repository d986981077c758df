package io.perennial.catalog;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The add-ons admins offer, each created in one transaction with its prices and plans. A subscriber copies the price
 * when adding it, so a new price ({@link #reprice}) or a retirement ({@link #retire}) applies to additions from then
 * on: a subscription that carries the add-on keeps it at the price it was added at, as plan versions do.
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

    /** No longer offered to new subscriptions nor added to existing ones; those that carry it keep it. */
    @Transactional
    public AddOnOffer retire(String code, Instant at) {
        if (addOns.retire(code, at) == 0) {
            throw notFound(code);
        }
        return find(code).orElseThrow();
    }

    /** A price change: the prices it replaced and the add-on as it is now. */
    public record Repricing(List<PlanPrice> before, AddOnOffer offer) {
    }

    /** Replaces the add-on's prices (one per currency) for additions from now on. */
    @Transactional
    public Repricing reprice(String code, List<PlanPrice> prices, Instant at) {
        Catalog.checkPrices(prices, "/prices");
        // The update locks the add-on's row, so the prices read next are the ones replaced.
        if (addOns.markRepriced(code, at) == 0) {
            throw notFound(code);
        }
        List<PlanPrice> before = List.copyOf(addOns.findPrices(code));
        addOns.deletePrices(code);
        prices.forEach(price -> addOns.insertPrice(code, price.currency(), price.amountMinor()));
        return new Repricing(before, find(code).orElseThrow());
    }

    private static CatalogException notFound(String code) {
        return new CatalogException(CatalogException.Kind.NOT_FOUND, "No add-on " + code + ".", null);
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
