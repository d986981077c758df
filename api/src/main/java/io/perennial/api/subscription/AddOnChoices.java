package io.perennial.api.subscription;

import io.perennial.api.problem.ApiProblems;
import io.perennial.catalog.AddOnCatalogue;
import io.perennial.catalog.AddOnOffer;
import io.perennial.subscription.AddOnItem;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the add-ons a client names into the terms a subscription copies from the catalogue (its prices as they are
 * now): refused (422, naming the field) when the add-on does not exist, is retired ({@code add-on-retired}), is not
 * for the plan, or has no price in the subscription's currency; a code named twice is a 400.
 */
@Singleton
public class AddOnChoices {

    private final AddOnCatalogue catalogue;

    public AddOnChoices(AddOnCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    /** The add-ons of a new subscription, in the order given. */
    public List<AddOnItem> items(List<AddOnChoice> choices, String planId, String currency) {
        if (choices == null) {
            return List.of();
        }
        List<AddOnItem> items = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < choices.size(); i++) {
            AddOnChoice choice = choices.get(i);
            if (!seen.add(choice.code())) {
                throw ApiProblems.invalidField("/addOns/" + i + "/code", "add-on " + choice.code() + " twice");
            }
            items.add(item(choice.code(), choice.quantityOrOne(), planId, currency, "/addOns/" + i + "/code"));
        }
        return items;
    }

    /** Whether the add-on is retired (and so can only be kept, changed or removed by those that carry it). */
    public boolean retired(String code) {
        return catalogue.find(code).map(found -> !found.addOn().active()).orElse(false);
    }

    /** One add-on's terms for {@code quantity} units, as the catalogue offers it to the plan now. */
    public AddOnItem item(String code, int quantity, String planId, String currency, String pointer) {
        AddOnOffer offer = catalogue.find(code)
                .orElseThrow(() -> ApiProblems.invalidReference(pointer, "No add-on " + code + "."));
        if (!offer.addOn().active()) {
            throw ApiProblems.addOnRetired(pointer, code);
        }
        if (!offer.availableWith(planId)) {
            throw ApiProblems.invalidReference(pointer, "Add-on " + code + " is not offered with plan " + planId
                    + ".");
        }
        return offer.item(currency, quantity).orElseThrow(() -> ApiProblems.invalidReference(pointer,
                "Add-on " + code + " has no price in " + currency + "."));
    }
}
