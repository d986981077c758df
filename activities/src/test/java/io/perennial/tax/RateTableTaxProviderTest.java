package io.perennial.tax;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class RateTableTaxProviderTest {

    private static final Instant AT = Instant.parse("2027-03-01T00:00:00Z");

    private final TaxRateRepository rates = mock(TaxRateRepository.class);
    private final RateTableTaxProvider provider = new RateTableTaxProvider(rates, new TaxConfiguration("DE"));

    private void rate(String country, String percent) {
        when(rates.findValidAt(eq(country), eq("standard"), any())).thenReturn(Optional.of(new TaxRate(
                UUID.randomUUID(), country, "standard", "VAT", new BigDecimal(percent), AT.minusSeconds(1), null,
                AT)));
    }

    private static TaxQuestion question(String country, String verifiedTaxId, TaxBehavior behavior, long taxable) {
        return new TaxQuestion(country, verifiedTaxId, "standard", behavior, "EUR", taxable, AT);
    }

    @Test
    void aCompanyWithAVerifiedVatIdInAnotherMemberStatePaysNoTaxAndTheInvoiceSaysReverseCharge() {
        rate("FR", "20");

        TaxQuote quote = provider.quote(question("FR", "FRXX123456789", TaxBehavior.EXCLUSIVE, 10_000));

        assertThat(quote.reverseCharge()).isTrue();
        assertThat(quote.taxMinor()).isZero();
        assertThat(quote.note()).startsWith("Reverse charge");
        assertThat(quote.lines()).singleElement().satisfies(line -> {
            assertThat(line.taxableMinor()).isEqualTo(10_000);
            assertThat(line.ratePercent()).isEqualByComparingTo("0");
        });
    }

    @Test
    void aCompanyInTheSellersOwnCountryPaysItsTaxEvenWithAVerifiedVatId() {
        rate("DE", "19");

        TaxQuote quote = provider.quote(question("DE", "DE123456789", TaxBehavior.EXCLUSIVE, 10_000));

        assertThat(quote.reverseCharge()).isFalse();
        assertThat(quote.taxMinor()).isEqualTo(1_900);
        assertThat(quote.addedMinor()).isEqualTo(1_900);
    }

    @Test
    void aCompanyWithoutAVerifiedVatIdPaysTheTaxOfItsCountry() {
        rate("FR", "20");

        TaxQuote quote = provider.quote(question("FR", null, TaxBehavior.INCLUSIVE, 1_200));

        assertThat(quote.reverseCharge()).isFalse();
        assertThat(quote.taxMinor()).isEqualTo(200);
        assertThat(quote.addedMinor()).isZero();
        assertThat(quote.lines().get(0).taxableMinor()).isEqualTo(1_000);
    }

    @Test
    void aBuyerOutsideTheEuIsNeverReverseCharged() {
        rate("GB", "20");

        TaxQuote quote = provider.quote(question("GB", "GB123456789", TaxBehavior.EXCLUSIVE, 1_000));

        assertThat(quote.reverseCharge()).isFalse();
        assertThat(quote.taxMinor()).isEqualTo(200);
    }

    @Test
    void withNoRateForTheCountryOrNoBillingCountryNothingIsTaxed() {
        assertThat(provider.quote(question("US", null, TaxBehavior.EXCLUSIVE, 1_000)).lines()).isEmpty();
        assertThat(provider.quote(question(null, null, TaxBehavior.EXCLUSIVE, 1_000)).addedMinor()).isZero();
    }
}
