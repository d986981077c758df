package io.perennial.risk;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rule with worked numbers, under the default configuration: thresholds 50 (review) and 90 (refuse), velocity
 * limit 3 in 24 h, history factor 3 from 2 paid orders, new account under 7 days with a first order of 150.00 or more.
 */
class RiskRulesTest {

    private final RiskRules rules = new RiskRules(RiskConfiguration.defaults());

    /** A returning customer of a year, two earlier paid orders of 40.00 and 50.00, ordering 45.99 in NL. */
    private static RiskFacts clean() {
        return new RiskFacts(4599, "EUR", "example.com", Duration.ofDays(365), 2, 2, 9000, 0, 0, 0, 0, "NL", null,
                false, false);
    }

    private static List<String> codes(RiskAssessment assessment) {
        return assessment.rules().stream().map(FiredRule::code).toList();
    }

    @Test
    void aCleanOrderScoresZeroAndPasses() {
        RiskAssessment assessment = rules.assess(clean());

        assertThat(assessment.score()).isZero();
        assertThat(assessment.rules()).isEmpty();
        assertThat(assessment.verdict()).isEqualTo(RiskVerdict.PASS);
        assertThat(assessment.reviewDeadline()).isEqualTo(Duration.ofHours(48));
    }

    @Test
    void threeOrdersByTheCustomerWithinTheWindowFireCustomerVelocityButTwoDoNot() {
        RiskFacts two = new RiskFacts(4599, "EUR", "example.com", Duration.ofDays(365), 2, 2, 9000, 2, 0, 0, 0,
                "NL", null, false, false);
        RiskFacts three = new RiskFacts(4599, "EUR", "example.com", Duration.ofDays(365), 2, 2, 9000, 3, 0, 0, 0,
                "NL", null, false, false);

        assertThat(rules.assess(two).rules()).isEmpty();
        RiskAssessment fired = rules.assess(three);
        assertThat(fired.rules()).singleElement().satisfies(rule -> {
            assertThat(rule.code()).isEqualTo("VELOCITY_CUSTOMER");
            assertThat(rule.points()).isEqualTo(20);
            assertThat(rule.reason()).isEqualTo("3 orders by this customer within 24 h before this one (limit 3)");
        });
    }

    @Test
    void cardAddressAndIpVelocityEachAddTheirOwnPoints() {
        RiskFacts facts = new RiskFacts(4599, "EUR", "example.com", Duration.ofDays(365), 2, 2, 9000, 0, 4, 3, 5,
                "NL", null, false, false);

        RiskAssessment assessment = rules.assess(facts);

        assertThat(codes(assessment)).containsExactly("VELOCITY_CARD", "VELOCITY_ADDRESS", "VELOCITY_IP");
        // 20 + 15 + 15 = 50: exactly the review threshold, so it waits for a person.
        assertThat(assessment.score()).isEqualTo(50);
        assertThat(assessment.verdict()).isEqualTo(RiskVerdict.REVIEW);
    }

    @Test
    void anAmountAboveThreeTimesTheAverageOfTwoPaidOrdersFiresAndExactlyThreeTimesDoesNot() {
        // Paid 40.00 + 50.00 = 90.00 over 2 orders: average 45.00, three times that 135.00.
        RiskFacts exactly = new RiskFacts(13500, "EUR", "example.com", Duration.ofDays(365), 2, 2, 9000, 0, 0, 0, 0,
                "NL", null, false, false);
        RiskFacts above = new RiskFacts(13501, "EUR", "example.com", Duration.ofDays(365), 2, 2, 9000, 0, 0, 0, 0,
                "NL", null, false, false);

        assertThat(rules.assess(exactly).rules()).isEmpty();
        assertThat(rules.assess(above).rules()).singleElement().satisfies(rule -> {
            assertThat(rule.code()).isEqualTo("AMOUNT_ABOVE_HISTORY");
            assertThat(rule.points()).isEqualTo(25);
            assertThat(rule.reason()).isEqualTo("13501 EUR (minor units) is more than 3× the average of the "
                    + "customer's 2 paid orders (9000 in total)");
        });
    }

    @Test
    void oneEarlierPaidOrderIsTooLittleHistoryToCompareWith() {
        RiskFacts facts = new RiskFacts(100000, "EUR", "example.com", Duration.ofDays(365), 1, 1, 1000, 0, 0, 0, 0,
                "NL", null, false, false);

        assertThat(rules.assess(facts).rules()).isEmpty();
    }

    @Test
    void aPaymentMethodFromAnotherCountryThanTheShippingAddressFiresCountryMismatch() {
        RiskFacts facts = new RiskFacts(4599, "EUR", "example.com", Duration.ofDays(365), 2, 2, 9000, 0, 0, 0, 0,
                "NL", "BR", false, false);
        RiskFacts sameCountry = new RiskFacts(4599, "EUR", "example.com", Duration.ofDays(365), 2, 2, 9000, 0, 0, 0,
                0, "NL", "NL", false, false);

        assertThat(rules.assess(facts).rules()).singleElement().satisfies(rule -> {
            assertThat(rule.code()).isEqualTo("COUNTRY_MISMATCH");
            assertThat(rule.points()).isEqualTo(20);
            assertThat(rule.reason()).isEqualTo("ships to NL, the payment method is from BR");
        });
        assertThat(rules.assess(sameCountry).rules()).isEmpty();
    }

    @Test
    void aFirstOrderOf150FromAnAccountTwoHoursOldFiresButTheSameOrderAWeekLaterDoesNot() {
        RiskFacts young = new RiskFacts(15000, "EUR", "example.com", Duration.ofHours(2), 0, 0, 0, 0, 0, 0, 0,
                "NL", null, false, false);
        RiskFacts weekOld = new RiskFacts(15000, "EUR", "example.com", Duration.ofDays(7), 0, 0, 0, 0, 0, 0, 0,
                "NL", null, false, false);
        RiskFacts small = new RiskFacts(14999, "EUR", "example.com", Duration.ofHours(2), 0, 0, 0, 0, 0, 0, 0,
                "NL", null, false, false);

        assertThat(rules.assess(young).rules()).singleElement().satisfies(rule -> {
            assertThat(rule.code()).isEqualTo("NEW_ACCOUNT_LARGE_FIRST_ORDER");
            assertThat(rule.points()).isEqualTo(30);
            assertThat(rule.reason()).isEqualTo("first order of an account 2 h old is 15000 EUR (minor units), at "
                    + "least 15000");
        });
        assertThat(rules.assess(weekOld).rules()).isEmpty();
        assertThat(rules.assess(small).rules()).isEmpty();
    }

    @Test
    void aDisposableEmailDomainOrASubdomainOfOneFires() {
        RiskFacts mailinator = new RiskFacts(4599, "EUR", "mailinator.com", Duration.ofDays(365), 2, 2, 9000, 0, 0,
                0, 0, "NL", null, false, false);
        RiskFacts subdomain = new RiskFacts(4599, "EUR", "eu.yopmail.com", Duration.ofDays(365), 2, 2, 9000, 0, 0,
                0, 0, "NL", null, false, false);

        assertThat(rules.assess(mailinator).rules()).singleElement().satisfies(rule -> {
            assertThat(rule.code()).isEqualTo("DISPOSABLE_EMAIL");
            assertThat(rule.points()).isEqualTo(30);
            assertThat(rule.reason()).isEqualTo("email domain mailinator.com is a disposable address service");
        });
        assertThat(codes(rules.assess(subdomain))).containsExactly("DISPOSABLE_EMAIL");
    }

    @Test
    void aCardAndAnAddressSeenOnRefusedOrdersScore90AndAreRefusedAtOnce() {
        RiskFacts facts = new RiskFacts(4599, "EUR", "example.com", Duration.ofDays(365), 2, 2, 9000, 0, 0, 0, 0,
                "NL", null, true, true);

        RiskAssessment assessment = rules.assess(facts);

        assertThat(codes(assessment)).containsExactly("REFUSED_CARD", "REFUSED_ADDRESS");
        assertThat(assessment.score()).isEqualTo(50 + 40);
        assertThat(assessment.verdict()).isEqualTo(RiskVerdict.REFUSE);
    }

    @Test
    void aDisposableEmailAndALargeFirstOrderTogetherScore60AndGoToReview() {
        RiskFacts facts = new RiskFacts(20000, "EUR", "mailinator.com", Duration.ofMinutes(5), 0, 0, 0, 0, 0, 0, 0,
                "NL", null, false, false);

        RiskAssessment assessment = rules.assess(facts);

        assertThat(codes(assessment)).containsExactly("NEW_ACCOUNT_LARGE_FIRST_ORDER", "DISPOSABLE_EMAIL");
        assertThat(assessment.score()).isEqualTo(60);
        assertThat(assessment.verdict()).isEqualTo(RiskVerdict.REVIEW);
    }

    @Test
    void weightsAndThresholdsComeFromTheConfiguration() {
        RiskConfiguration strict = new RiskConfiguration(20, 30, Duration.ofHours(2), Duration.ofHours(1), 1, 2, 1,
                Duration.ofDays(30), 100, List.of("example.org"), 1, 1, 1, 1, 1, 1, 1, 25, 1, 1);
        RiskFacts facts = new RiskFacts(4599, "EUR", "example.org", Duration.ofDays(365), 2, 2, 9000, 0, 0, 0, 0,
                "NL", null, false, false);

        RiskAssessment assessment = new RiskRules(strict).assess(facts);

        assertThat(codes(assessment)).containsExactly("DISPOSABLE_EMAIL");
        assertThat(assessment.score()).isEqualTo(25);
        assertThat(assessment.verdict()).isEqualTo(RiskVerdict.REVIEW);
        assertThat(assessment.reviewDeadline()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void onlyCountryTestCardsHaveAKnownBillingCountry() {
        assertThat(BillingCountry.of("pm_card_br")).contains("BR");
        assertThat(BillingCountry.of("pm_card_visa")).isEmpty();
        assertThat(BillingCountry.of("pm_card_zz")).isEmpty();
    }

    @Test
    void addressesCompareWithoutSpacingCaseOrRecipient() {
        assertThat(AddressKey.of(new io.perennial.order.ShippingAddress("Ada", "Keizersgracht  1", null, "Amsterdam",
                "1015 CJ", "NL"))).isEqualTo(AddressKey.of(new io.perennial.order.ShippingAddress("Bob",
                "keizersgracht 1", "attic", "Amsterdam", "1015cj", "NL")));
    }
}
