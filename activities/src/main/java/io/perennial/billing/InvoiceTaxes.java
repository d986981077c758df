package io.perennial.billing;

import io.perennial.tax.TaxBehavior;
import io.perennial.tax.TaxProvider;
import io.perennial.tax.TaxQuestion;
import io.perennial.tax.TaxQuote;
import io.perennial.tax.TaxSubject;
import io.perennial.tax.TaxSubjectRepository;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.UUID;

/** Asks the tax provider about an invoice of a subscription: the customer and plan as they are at issue time. */
@Singleton
public class InvoiceTaxes {

    private final TaxSubjectRepository subjects;
    private final TaxProvider provider;

    public InvoiceTaxes(TaxSubjectRepository subjects, TaxProvider provider) {
        this.subjects = subjects;
        this.provider = provider;
    }

    /** The invoice's tax and the buyer's VAT id it was computed for (null when none was verified). */
    public record Taxed(TaxQuote quote, String customerTaxId) {
    }

    public Taxed quote(UUID customerId, UUID subscriptionId, String currency, long taxableMinor, Instant at) {
        return subjects.find(customerId, subscriptionId)
                .map(subject -> new Taxed(provider.quote(question(subject, currency, taxableMinor, at)),
                        subject.verifiedTaxId()))
                .orElseGet(() -> new Taxed(TaxQuote.none(TaxBehavior.INCLUSIVE), null));
    }

    private static TaxQuestion question(TaxSubject subject, String currency, long taxableMinor, Instant at) {
        return new TaxQuestion(subject.buyerCountry(), subject.verifiedTaxId(), subject.taxCategory(),
                subject.taxBehavior(), currency, taxableMinor, at);
    }
}
