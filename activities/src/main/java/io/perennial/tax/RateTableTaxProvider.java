package io.perennial.tax;

import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.util.List;

/**
 * Today's tax provider: the admins' rate table. An EU company with a verified VAT id of another member state than
 * the seller's pays no tax and the invoice says reverse charge; otherwise the rate of the buyer's billing country
 * and the product's category valid at the invoice's time applies; with no such rate (or no billing country),
 * nothing is taxed.
 */
@Singleton
public class RateTableTaxProvider implements TaxProvider {

    /** What an EU reverse-charge invoice must say (Article 226(11a) of Directive 2006/112/EC). */
    public static final String REVERSE_CHARGE_NOTE = "Reverse charge: VAT to be accounted for by the recipient "
            + "(Article 196, Directive 2006/112/EC)";

    private final TaxRateRepository rates;
    private final TaxConfiguration configuration;

    public RateTableTaxProvider(TaxRateRepository rates, TaxConfiguration configuration) {
        this.rates = rates;
        this.configuration = configuration;
    }

    @Override
    public TaxQuote quote(TaxQuestion question) {
        if (question.buyerCountry() == null) {
            return TaxQuote.none(question.behavior());
        }
        if (reverseCharge(configuration.sellerCountry(), question)) {
            return new TaxQuote(question.behavior(), List.of(new TaxQuote.Line(question.buyerCountry(),
                    question.taxCategory(), "Reverse charge", BigDecimal.ZERO.setScale(4),
                    Math.max(0, question.taxableMinor()), 0)), true, REVERSE_CHARGE_NOTE);
        }
        return rates.findValidAt(question.buyerCountry(), question.taxCategory(), question.at())
                .map(rate -> taxed(question, rate))
                .orElseGet(() -> TaxQuote.none(question.behavior()));
    }

    /** An EU B2B sale across a border: both in the EU, different states, and the buyer's id verified. */
    static boolean reverseCharge(String sellerCountry, TaxQuestion question) {
        return question.verifiedTaxId() != null && EuVat.isMemberState(sellerCountry)
                && EuVat.isMemberState(question.buyerCountry()) && !sellerCountry.equals(question.buyerCountry());
    }

    private static TaxQuote taxed(TaxQuestion question, TaxRate rate) {
        long taxable = Math.max(0, question.taxableMinor());
        long tax = TaxMath.tax(question.behavior(), taxable, rate.ratePercent());
        long net = question.behavior() == TaxBehavior.INCLUSIVE ? taxable - tax : taxable;
        return new TaxQuote(question.behavior(), List.of(new TaxQuote.Line(rate.country(), rate.taxCategory(),
                rate.name(), rate.ratePercent(), net, tax)), false, null);
    }
}
