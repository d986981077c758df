package io.perennial.customer;

import io.perennial.tax.VatRegistry;
import io.perennial.tax.VatRegistryUnavailable;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class BillingProfilesTest {

    private static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");
    private static final UUID CUSTOMER = UUID.randomUUID();

    private final BillingProfileRepository repository = mock(BillingProfileRepository.class);
    private final VatRegistry registry = mock(VatRegistry.class);
    private final BillingProfiles profiles = new BillingProfiles(repository, registry);

    private void stored(String taxIdStatus) {
        when(repository.find(CUSTOMER)).thenReturn(Optional.of(new BillingProfile("COMPANY", "Exemple SARL",
                "1 rue de Rivoli", null, "Paris", "75001", null, "FR", "FR12345678901", taxIdStatus, NOW)));
    }

    @Test
    void anUnverifiedIdIsVerifiedBeforeAnInvoiceOnceTheRegistryAnswers() {
        stored("UNVERIFIED");
        when(registry.check("FR", "FR12345678901")).thenReturn(new VatRegistry.Answer(true, "Exemple SARL"));

        profiles.reverifyUnverified(CUSTOMER, NOW);

        verify(repository).markTaxIdVerified(CUSTOMER, "FR12345678901", NOW);
    }

    @Test
    void aRegistryStillUnavailableOrAVerifiedIdLeavesTheProfileAsItIs() {
        stored("UNVERIFIED");
        when(registry.check(anyString(), anyString())).thenThrow(new VatRegistryUnavailable("TIMEOUT", "slow"));
        profiles.reverifyUnverified(CUSTOMER, NOW);

        stored("VERIFIED");
        profiles.reverifyUnverified(CUSTOMER, NOW);

        verify(repository, never()).markTaxIdVerified(any(), anyString(), any());
    }

    @Test
    void aCompanyNeedsALegalNameAndAnIdMustFitItsCountry() {
        assertThatThrownBy(() -> profiles.save(CUSTOMER, new BillingProfiles.Change("COMPANY", null, null, null),
                NOW)).isInstanceOfSatisfying(BillingProfiles.Refused.class,
                refused -> assertThat(refused.pointer()).isEqualTo("/legalName"));
        BillingProfiles.Address berlin = new BillingProfiles.Address("Unter den Linden 1", null, "Berlin", null, null,
                "DE");
        assertThatThrownBy(() -> profiles.save(CUSTOMER, new BillingProfiles.Change("COMPANY", "Beispiel GmbH",
                berlin, "FR12345678901"), NOW)).isInstanceOfSatisfying(BillingProfiles.Refused.class,
                refused -> assertThat(refused.getMessage()).contains("starts with DE"));
        verify(registry, never()).check(eq("DE"), anyString());
    }
}
