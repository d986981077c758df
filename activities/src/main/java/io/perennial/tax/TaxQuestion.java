package io.perennial.tax;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * What a tax provider needs to tax an invoice: who buys (billing country, whether a company with a verified VAT
 * id), what is sold (the product's tax category, whether its price includes tax), how much and when.
 *
 * @param buyerCountry    ISO 3166 alpha-2; null when the customer gave no billing address (then nothing is taxed)
 * @param verifiedTaxId   the buyer's VAT id when it is a company's and the registry confirmed it; otherwise null
 * @param taxableMinor    the sum of the invoice's lines before account credit (discounts and credits lower it)
 */
public record TaxQuestion(@Nullable String buyerCountry, @Nullable String verifiedTaxId, String taxCategory,
                          TaxBehavior behavior, String currency, long taxableMinor, Instant at) {
}
