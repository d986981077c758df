package io.perennial.order;

import io.perennial.risk.FiredRule;
import io.perennial.risk.RiskActivities;
import io.perennial.risk.RiskAssessment;
import io.perennial.risk.RiskCheck;
import io.perennial.risk.RiskVerdict;
import io.perennial.risk.SubscriptionRiskCheck;
import io.perennial.risk.SubscriptionRiskRecord;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Scores by payment method: {@code pm_risky_review} 60 (review), {@code pm_risky_refuse} 95 (refuse at once),
 * anything else 0. Thresholds 50 and 90, a review waits 48 hours. A subscription's first charge is scored the same
 * way, and its recorded reviews are kept.
 */
public final class FakeRiskChecks implements RiskActivities {
    static final Duration REVIEW_DEADLINE = Duration.ofHours(48);
    private final List<RiskCheck> checks = new CopyOnWriteArrayList<>();
    private final List<SubscriptionRiskCheck> subscriptionChecks = new CopyOnWriteArrayList<>();
    private final List<SubscriptionRiskRecord> subscriptionReviews = new CopyOnWriteArrayList<>();

    @Override
    public RiskAssessment assessOrder(RiskCheck check) {
        checks.add(check);
        return score(check.paymentMethod());
    }

    @Override
    public RiskAssessment assessSubscription(SubscriptionRiskCheck check) {
        subscriptionChecks.add(check);
        return score(check.paymentMethod());
    }

    @Override
    public void recordSubscriptionReview(SubscriptionRiskRecord review) {
        subscriptionReviews.add(review);
    }

    private static RiskAssessment score(String paymentMethod) {
        List<FiredRule> fired = switch (paymentMethod) {
            case "pm_risky_review" -> List.of(new FiredRule("DISPOSABLE_EMAIL", 30, "disposable email domain"),
                    new FiredRule("NEW_ACCOUNT_LARGE_FIRST_ORDER", 30, "new account, large first order"));
            case "pm_risky_refuse" -> List.of(new FiredRule("REFUSED_CARD", 60, "card seen on a refused order"),
                    new FiredRule("DISPOSABLE_EMAIL", 35, "disposable email domain"));
            default -> List.of();
        };
        int score = fired.stream().mapToInt(FiredRule::points).sum();
        RiskVerdict verdict = score >= 90 ? RiskVerdict.REFUSE : score >= 50 ? RiskVerdict.REVIEW : RiskVerdict.PASS;
        return new RiskAssessment(score, fired, verdict, 50, 90, REVIEW_DEADLINE);
    }

    List<RiskCheck> checks() {
        return List.copyOf(checks);
    }

    public List<SubscriptionRiskCheck> subscriptionChecks() {
        return List.copyOf(subscriptionChecks);
    }

    public List<SubscriptionRiskRecord> subscriptionReviews() {
        return List.copyOf(subscriptionReviews);
    }
}
