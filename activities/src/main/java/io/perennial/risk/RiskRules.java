package io.perennial.risk;

import jakarta.inject.Singleton;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The explainable rules that score an order before it is charged: each rule that fires adds its configured points
 * and says why; the score is their sum, compared with the review and refuse thresholds. Pure: the facts come from
 * {@link RiskSignals}.
 *
 * <p>There is no geography here: "shipping and billing countries far apart" is judged as "different countries",
 * and the billing country is only known when the payment method names one ({@link BillingCountry}).
 */
@Singleton
public class RiskRules {

    private final RiskConfiguration configuration;
    private final DisposableEmailDomains disposable;

    public RiskRules(RiskConfiguration configuration) {
        this.configuration = configuration;
        this.disposable = new DisposableEmailDomains(configuration.extraDisposableDomains());
    }

    public RiskAssessment assess(RiskFacts facts) {
        List<FiredRule> fired = new ArrayList<>();
        velocity(fired, "VELOCITY_CUSTOMER", configuration.weightVelocityCustomer(), facts.recentByCustomer(),
                "by this customer");
        velocity(fired, "VELOCITY_CARD", configuration.weightVelocityCard(), facts.recentByCard(),
                "charged to this payment method");
        velocity(fired, "VELOCITY_ADDRESS", configuration.weightVelocityAddress(), facts.recentByAddress(),
                "shipped to this address");
        velocity(fired, "VELOCITY_IP", configuration.weightVelocityIp(), facts.recentByIp(),
                "placed from this IP address");
        amountAboveHistory(fired, facts);
        if (facts.billingCountry() != null && facts.shippingCountry() != null
                && !facts.billingCountry().equals(facts.shippingCountry())) {
            fired.add(new FiredRule("COUNTRY_MISMATCH", configuration.weightCountryMismatch(), "ships to "
                    + facts.shippingCountry() + ", the payment method is from " + facts.billingCountry()));
        }
        if (facts.earlierOrders() == 0 && facts.accountAge().compareTo(configuration.newAccountAge()) < 0
                && facts.amountMinor() >= configuration.largeFirstOrderMinor()) {
            fired.add(new FiredRule("NEW_ACCOUNT_LARGE_FIRST_ORDER", configuration.weightNewAccountLargeFirstOrder(),
                    "first order of an account " + facts.accountAge().toHours() + " h old is " + facts.amountMinor()
                            + " " + facts.currency() + " (minor units), at least "
                            + configuration.largeFirstOrderMinor()));
        }
        if (disposable.contains(facts.emailDomain())) {
            fired.add(new FiredRule("DISPOSABLE_EMAIL", configuration.weightDisposableEmail(), "email domain "
                    + facts.emailDomain() + " is a disposable address service"));
        }
        if (facts.cardRefusedBefore()) {
            fired.add(new FiredRule("REFUSED_CARD", configuration.weightRefusedCard(),
                    "the payment method was on an order or subscription the risk review refused"));
        }
        if (facts.addressRefusedBefore()) {
            fired.add(new FiredRule("REFUSED_ADDRESS", configuration.weightRefusedAddress(),
                    "the shipping address was on an order or subscription the risk review refused"));
        }
        int score = fired.stream().mapToInt(FiredRule::points).sum();
        return new RiskAssessment(score, fired, verdict(score), configuration.reviewThreshold(),
                configuration.refuseThreshold(), configuration.reviewDeadline());
    }

    public RiskVerdict verdict(int score) {
        if (score >= configuration.refuseThreshold()) {
            return RiskVerdict.REFUSE;
        }
        return score >= configuration.reviewThreshold() ? RiskVerdict.REVIEW : RiskVerdict.PASS;
    }

    private void velocity(List<FiredRule> fired, String code, int points, int recent, String what) {
        if (recent >= configuration.velocityLimit()) {
            fired.add(new FiredRule(code, points, recent + " orders " + what + " within "
                    + configuration.velocityWindow().toHours() + " h before this one (limit "
                    + configuration.velocityLimit() + ")"));
        }
    }

    /** amount > factor × average, compared as amount × n > factor × Σ paid so no average is ever rounded. */
    private void amountAboveHistory(List<FiredRule> fired, RiskFacts facts) {
        if (facts.paidOrders() < configuration.historyMinimumOrders()) {
            return;
        }
        BigInteger amountTimesOrders = BigInteger.valueOf(facts.amountMinor())
                .multiply(BigInteger.valueOf(facts.paidOrders()));
        BigInteger limit = BigInteger.valueOf(facts.paidMinor()).multiply(BigInteger.valueOf(configuration.historyFactor()));
        if (amountTimesOrders.compareTo(limit) > 0) {
            fired.add(new FiredRule("AMOUNT_ABOVE_HISTORY", configuration.weightAmountAboveHistory(),
                    facts.amountMinor() + " " + facts.currency() + " (minor units) is more than "
                            + configuration.historyFactor() + "× the average of the customer's " + facts.paidOrders()
                            + " paid orders (" + facts.paidMinor() + " in total)"));
        }
    }
}
