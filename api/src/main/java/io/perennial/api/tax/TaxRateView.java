package io.perennial.api.tax;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.perennial.api.billing.InvoiceView;
import io.perennial.tax.TaxRate;

import java.math.BigDecimal;
import java.time.Instant;

@Serdeable
public record TaxRateView(String id, String country, String taxCategory, String name, BigDecimal ratePercent,
                          Instant validFrom, @Nullable Instant validTo) {

    static TaxRateView of(TaxRate rate) {
        return new TaxRateView(rate.id().toString(), rate.country(), rate.taxCategory(), rate.name(),
                InvoiceView.TaxLine.plain(rate.ratePercent()), rate.validFrom(), rate.validTo());
    }
}
