package io.perennial.tax;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/** Where the seller is established: decides whether an EU B2B sale is cross-border (reverse charge). */
@ConfigurationProperties("perennial.tax")
public record TaxConfiguration(@Bindable(defaultValue = "DE") String sellerCountry) {
}
