package io.perennial.billing;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.testsupport.TestDatabase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountCreditTest implements TestPropertyProvider {

    static final Instant NOW = Instant.parse("2027-03-01T00:00:00Z");

    @Inject
    BillingActivitiesImpl billing;
    @Inject
    CreditEntryRepository credit;

    private String customerId;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.properties();
    }

    @BeforeEach
    void newCustomer() {
        customerId = UUID.randomUUID().toString();
    }

    private long balance() {
        return credit.balance(UUID.fromString(customerId), "EUR");
    }

    private void grant(String grantKey, long amountMinor) {
        billing.grantAccountCredit(new CreditGrant(grantKey, customerId, amountMinor, "EUR", "referral", NOW));
    }

    private void spend(long amountMinor) {
        String subscriptionId = UUID.randomUUID().toString();
        billing.issueInvoice(new InvoiceDraft(subscriptionId + ":1:renewal", subscriptionId, customerId, 1, "EUR",
                NOW, NOW.plusSeconds(86_400), List.of(new InvoiceLine(InvoiceLineKind.PLAN, "Plan", amountMinor)),
                true, NOW));
    }

    private long clawBack(String clawbackKey, String grantKey) {
        return billing.clawBackCredit(new CreditClawback(clawbackKey, grantKey, "referral_refunded", NOW));
    }

    @Test
    void aGrantIsCreditedOncePerKey() {
        String key = "referral:" + customerId;
        grant(key, 1000);
        grant(key, 1000);

        assertThat(balance()).isEqualTo(1000);
    }

    @Test
    void aClawbackTakesBackOnlyWhatIsUnspentAndAnswersTheSameWhenRepeated() {
        String grantKey = "referral:" + customerId;
        grant(grantKey, 1000);
        spend(600);
        assertThat(balance()).isEqualTo(400);

        long first = clawBack(grantKey + ":clawback", grantKey);
        grant("pause:" + customerId, 300);
        long repeated = clawBack(grantKey + ":clawback", grantKey);

        assertThat(first).isEqualTo(400);
        assertThat(repeated).isEqualTo(400);
        assertThat(balance()).isEqualTo(300);
    }

    @Test
    void aGrantIsNeverTakenBackTwiceUnderDifferentKeys() {
        String grantKey = "referral:" + customerId;
        grant(grantKey, 1000);
        grant("pause:" + customerId, 5000);

        long first = clawBack("clawback-1:" + customerId, grantKey);
        long second = clawBack("clawback-2:" + customerId, grantKey);

        assertThat(first).isEqualTo(1000);
        assertThat(second).isZero();
        assertThat(balance()).isEqualTo(5000);
    }

    @Test
    void clawingBackAnUnknownGrantTakesNothing() {
        grant("pause:" + customerId, 700);

        assertThat(clawBack("clawback:" + customerId, "no-such-grant:" + customerId)).isZero();
        assertThat(balance()).isEqualTo(700);
    }
}
