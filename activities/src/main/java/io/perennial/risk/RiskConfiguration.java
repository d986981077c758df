package io.perennial.risk;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.List;

/**
 * {@code perennial.risk.*}: the thresholds, each rule's points and the rules' own limits (docs/orders-risk.md).
 *
 * @param reviewThreshold             a score at or above it waits for an ops decision
 * @param refuseThreshold             a score at or above it is refused at once
 * @param reviewDeadline              how long an order waits in review before it is refused
 * @param velocityWindow              the velocity rules count the orders checked this long before this one
 * @param velocityLimit               a velocity rule fires when this many or more orders in the window share its key
 * @param historyFactor               AMOUNT_ABOVE_HISTORY fires above this many times the customer's average paid
 *                                    order (same currency) ...
 * @param historyMinimumOrders        ... once the customer has at least this many paid orders
 * @param newAccountAge               an account younger than this is new ...
 * @param largeFirstOrderMinor        ... and its first order is large from this amount (minor units, any currency)
 * @param extraDisposableDomains      email domains treated as disposable besides the bundled list
 */
@ConfigurationProperties("perennial.risk")
public record RiskConfiguration(
        @Bindable(defaultValue = "50") int reviewThreshold,
        @Bindable(defaultValue = "90") int refuseThreshold,
        @Bindable(defaultValue = "48h") Duration reviewDeadline,
        @Bindable(defaultValue = "24h") Duration velocityWindow,
        @Bindable(defaultValue = "3") int velocityLimit,
        @Bindable(defaultValue = "3") int historyFactor,
        @Bindable(defaultValue = "2") int historyMinimumOrders,
        @Bindable(defaultValue = "7d") Duration newAccountAge,
        @Bindable(defaultValue = "15000") long largeFirstOrderMinor,
        @Bindable(defaultValue = "") List<String> extraDisposableDomains,
        @Bindable(defaultValue = "20") int weightVelocityCustomer,
        @Bindable(defaultValue = "20") int weightVelocityCard,
        @Bindable(defaultValue = "15") int weightVelocityAddress,
        @Bindable(defaultValue = "15") int weightVelocityIp,
        @Bindable(defaultValue = "25") int weightAmountAboveHistory,
        @Bindable(defaultValue = "20") int weightCountryMismatch,
        @Bindable(defaultValue = "30") int weightNewAccountLargeFirstOrder,
        @Bindable(defaultValue = "30") int weightDisposableEmail,
        @Bindable(defaultValue = "50") int weightRefusedCard,
        @Bindable(defaultValue = "40") int weightRefusedAddress) {

    public RiskConfiguration {
        if (reviewThreshold <= 0 || refuseThreshold <= reviewThreshold) {
            throw new IllegalArgumentException("perennial.risk: 0 < review-threshold < refuse-threshold, was "
                    + reviewThreshold + " and " + refuseThreshold);
        }
        if (reviewDeadline == null || reviewDeadline.isNegative() || reviewDeadline.isZero()) {
            throw new IllegalArgumentException("perennial.risk.review-deadline must be positive, was "
                    + reviewDeadline);
        }
        extraDisposableDomains = extraDisposableDomains == null ? List.of() : extraDisposableDomains.stream()
                .map(String::strip).filter(domain -> !domain.isEmpty()).toList();
    }

    /** The defaults above, for tests. */
    public static RiskConfiguration defaults() {
        return new RiskConfiguration(50, 90, Duration.ofHours(48), Duration.ofHours(24), 3, 3, 2,
                Duration.ofDays(7), 15000, List.of(), 20, 20, 15, 15, 25, 20, 30, 30, 50, 40);
    }
}
