package io.perennial.tax;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EuVatTest {

    @Test
    void idsOfTheRightShapePassForEachCheckedCountry() {
        assertThat(EuVat.formatProblem("DE", "DE123456789")).isEmpty();
        assertThat(EuVat.formatProblem("FR", "FRXX123456789")).isEmpty();
        assertThat(EuVat.formatProblem("NL", "NL123456789B01")).isEmpty();
        assertThat(EuVat.formatProblem("AT", "ATU12345678")).isEmpty();
        assertThat(EuVat.formatProblem("GR", "EL123456789")).isEmpty();
        assertThat(EuVat.formatProblem("GB", "GB123456789")).isEmpty();
        assertThat(EuVat.checkedCountries()).containsAll(EuVat.MEMBER_STATES).contains("GB");
    }

    @Test
    void aWrongPrefixOrShapeIsRefusedWithWhy() {
        assertThat(EuVat.formatProblem("DE", "FR123456789")).hasValueSatisfying(why -> assertThat(why)
                .contains("starts with DE"));
        assertThat(EuVat.formatProblem("DE", "DE12345678")).isPresent();
        assertThat(EuVat.formatProblem("GR", "GR123456789")).isPresent();
    }

    @Test
    void anIdIsStoredUpperCaseWithoutSpacesDotsOrDashes() {
        assertThat(EuVat.normalise("de 123.456-789")).isEqualTo("DE123456789");
    }
}
