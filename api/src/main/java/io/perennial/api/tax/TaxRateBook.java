package io.perennial.api.tax;

import io.perennial.api.problem.ApiProblems;
import io.perennial.tax.TaxRate;
import io.perennial.tax.TaxRateRepository;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.UUID;

/**
 * The admins' tax rates: one rate per country and category at any instant, so a rate change is a new rate whose
 * validity starts where the old one's ends. Call inside a transaction (the audit trail's): the overlap check holds
 * the country and category's lock until it commits.
 */
@Singleton
public class TaxRateBook {

    private final TaxRateRepository rates;

    public TaxRateBook(TaxRateRepository rates) {
        this.rates = rates;
    }

    public List<TaxRate> all() {
        return rates.findAllInOrder();
    }

    public TaxRate get(UUID id) {
        return rates.findById(id).orElseThrow(() -> ApiProblems.notFound("Tax rate", id));
    }

    public TaxRate create(TaxRateRequest request) {
        UUID id = UUID.randomUUID();
        requireNoOverlap(id, request);
        rates.insertRate(id, request.country(), request.category(), request.name(), request.ratePercent(),
                request.validFrom(), request.validTo());
        return get(id);
    }

    public TaxRate update(UUID id, TaxRateRequest request) {
        TaxRate rate = get(id);
        if (!rate.country().equals(request.country()) || !rate.taxCategory().equals(request.category())) {
            throw ApiProblems.invalidField(rate.country().equals(request.country()) ? "/taxCategory" : "/country",
                    "a rate's country and category do not change; create a new rate instead");
        }
        requireNoOverlap(id, request);
        rates.updateRate(id, request.name(), request.ratePercent(), request.validFrom(), request.validTo());
        return get(id);
    }

    /** Removes a rate; invoices issued with it keep their tax lines, which copy the rate. */
    public TaxRate delete(UUID id) {
        TaxRate rate = get(id);
        rates.deleteById(id);
        return rate;
    }

    private void requireNoOverlap(UUID id, TaxRateRequest request) {
        if (request.validTo() != null && !request.validTo().isAfter(request.validFrom())) {
            throw ApiProblems.invalidField("/validTo", "validTo must be after validFrom");
        }
        rates.lockRates(request.country(), request.category());
        List<TaxRate> overlapping = rates.findOverlapping(request.country(), request.category(),
                request.validFrom(), request.validTo(), id);
        if (!overlapping.isEmpty()) {
            TaxRate other = overlapping.get(0);
            throw ApiProblems.alreadyExists("Rate " + other.id() + " of " + other.country() + "/"
                    + other.taxCategory() + " is valid from " + other.validFrom()
                    + (other.validTo() == null ? "" : " to " + other.validTo())
                    + "; end it (validTo) before this one starts.");
        }
    }
}
