package io.perennial.tax;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;

/**
 * Who buys and what, as tax sees it: the customer's billing country, kind and VAT id with its registry status, and
 * the subscription's plan's tax behaviour and its product's tax category.
 */
@Introspected
public record TaxSubject(@Nullable String buyerCountry, String kind, @Nullable String taxId,
                         @Nullable String taxIdStatus, TaxBehavior taxBehavior, String taxCategory) {

    /** The VAT id when the buyer is a company whose id the registry confirmed; otherwise null. */
    public @Nullable String verifiedTaxId() {
        return "COMPANY".equals(kind) && "VERIFIED".equals(taxIdStatus) ? taxId : null;
    }
}
