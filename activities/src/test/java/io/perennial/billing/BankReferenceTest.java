package io.perennial.billing;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class BankReferenceTest {

    private static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    @Test
    void aReferenceReadsBackHoweverABankWritesIt() {
        BankReference reference = BankReference.forInvoice(UUID.randomUUID(), 0);
        assertThat(reference.value()).matches("PRN-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}");
        String bare = reference.value().replace("-", "");
        assertThat(BankReference.parse(reference.value())).contains(reference);
        assertThat(BankReference.parse(" " + bare.toLowerCase() + " ")).contains(reference);
        assertThat(BankReference.parse(reference.value().replace('0', 'O').replace('1', 'I'))).contains(reference);
        assertThat(BankReference.parse("invoice " + bare)).isEmpty();
        assertThat(BankReference.parse(null)).isEmpty();
    }

    @Test
    void everySingleMistypedCharacterOfAThousandReferencesIsCaught() {
        for (int n = 0; n < 1000; n++) {
            String code = BankReference.forInvoice(UUID.randomUUID(), 0).value().replace("-", "").substring(3);
            for (int position = 0; position < code.length(); position++) {
                for (char typo : ALPHABET.toCharArray()) {
                    if (typo == code.charAt(position)) {
                        continue;
                    }
                    String typed = "PRN" + code.substring(0, position) + typo + code.substring(position + 1);
                    assertThat(BankReference.parse(typed)).as(typed).isEmpty();
                }
            }
        }
    }

    @Test
    void anotherAttemptGivesAnotherReferenceAndAThousandInvoicesShareNone() {
        UUID invoice = UUID.randomUUID();
        assertThat(BankReference.forInvoice(invoice, 1)).isNotEqualTo(BankReference.forInvoice(invoice, 0));
        Set<String> seen = new HashSet<>();
        for (int n = 0; n < 1000; n++) {
            seen.add(BankReference.forInvoice(UUID.randomUUID(), 0).value());
        }
        assertThat(seen).hasSize(1000);
    }
}
