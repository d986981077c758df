package io.perennial.tax;

/**
 * The port to whatever computes tax. Today's adapter is the admins' rate table ({@link RateTableTaxProvider}); a
 * Stripe Tax or Avalara adapter would answer the same question from its own rules.
 */
public interface TaxProvider {
    TaxQuote quote(TaxQuestion question);
}
