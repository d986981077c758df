package io.perennial.risk;

import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Scores an order with {@link RiskRules} from what {@link RiskSignals} counts, and stores the check once: a retried
 * or replayed activity answers what the first one stored, even if the configuration changed in between.
 */
@Singleton
public class RiskActivitiesImpl implements RiskActivities {

    private static final Logger log = LoggerFactory.getLogger(RiskActivitiesImpl.class);

    private final RiskSignals signals;
    private final RiskRules rules;
    private final RiskConfiguration configuration;
    private final TransactionOperations<Connection> transactions;
    private final ObjectMapper json;

    public RiskActivitiesImpl(RiskSignals signals, RiskRules rules, RiskConfiguration configuration,
                              TransactionOperations<Connection> transactions, ObjectMapper json) {
        this.signals = signals;
        this.rules = rules;
        this.configuration = configuration;
        this.transactions = transactions;
        this.json = json;
    }

    @Override
    public RiskAssessment assessOrder(RiskCheck check) {
        return transactions.executeWrite(status -> {
            var stored = signals.find(check.orderId());
            if (stored.isPresent()) {
                return assessment(stored.get());
            }
            String addressKey = AddressKey.of(check.shippingAddress());
            RiskAssessment assessment = rules.assess(facts(check, addressKey));
            signals.insert(check.orderId(), UUID.fromString(check.customerId()), check.paymentMethod(), addressKey,
                    ClientIdentity.ip(check.clientIp()), check.amountMinor(), check.currency(), assessment.score(),
                    assessment.verdict().name(), write(assessment.rules()), assessment.reviewThreshold(),
                    assessment.refuseThreshold(), assessment.reviewDeadline().toSeconds(), check.businessTime());
            log.info("Order {} risk score {} ({}): {}", check.orderId(), assessment.score(), assessment.verdict(),
                    assessment.rules().stream().map(FiredRule::code).toList());
            return assessment(signals.find(check.orderId()).orElseThrow());
        });
    }

    /**
     * The same check as an order's, of the plan's price to the payment method, stored under {@code
     * subscription:{id}}: the velocity rules count subscriptions and orders alike.
     */
    @Override
    public RiskAssessment assessSubscription(SubscriptionRiskCheck check) {
        return assessOrder(new RiskCheck(check.checkId(), check.customerId(), check.amountMinor(), check.currency(),
                check.paymentMethod(), check.shippingAddress(), null, check.businessTime()));
    }

    @Override
    public void recordSubscriptionReview(SubscriptionRiskRecord record) {
        RiskReview review = record.review();
        signals.upsertSubscriptionReview(UUID.fromString(record.subscriptionId()),
                UUID.fromString(record.customerId()), record.planId(), record.amountMinor(), record.currency(),
                review.status().name(), write(review), review.checkedAt(), review.reviewDeadlineAt());
    }

    RiskFacts facts(RiskCheck check, String addressKey) {
        Instant at = check.businessTime();
        String card = ClientIdentity.card(check.paymentMethod());
        String ip = ClientIdentity.ip(check.clientIp());
        RiskSignals.Signals counted = signals.signals(UUID.fromString(check.customerId()), check.orderId(),
                check.currency(), card, addressKey, ip, at.minus(configuration.velocityWindow()), at);
        Duration age = counted.customerCreatedAt() == null || counted.customerCreatedAt().isAfter(at) ? Duration.ZERO
                : Duration.between(counted.customerCreatedAt(), at);
        String shippingCountry = check.shippingAddress() == null ? null : check.shippingAddress().countryCode();
        return new RiskFacts(check.amountMinor(), check.currency(), domainOf(counted.email()), age,
                (int) counted.earlierOrders(), (int) counted.paidOrders(), counted.paidMinor(),
                (int) counted.recentByCustomer(), card == null ? 0 : (int) counted.recentByCard(),
                (int) counted.recentByAddress(), ip == null ? 0 : (int) counted.recentByIp(),
                shippingCountry, BillingCountry.of(check.paymentMethod()).orElse(null),
                card != null && counted.cardRefused(), counted.addressRefused());
    }

    private static String domainOf(String email) {
        if (email == null || email.indexOf('@') < 0) {
            return null;
        }
        return email.substring(email.lastIndexOf('@') + 1).strip().toLowerCase(Locale.ROOT);
    }

    private RiskAssessment assessment(RiskSignals.StoredCheck stored) {
        return new RiskAssessment(stored.score(), read(stored.rules()), RiskVerdict.valueOf(stored.verdict()),
                stored.reviewThreshold(), stored.refuseThreshold(), Duration.ofSeconds(stored.reviewDeadlineSeconds()));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<FiredRule> read(String text) {
        try {
            return json.readValue(text, Argument.listOf(FiredRule.class));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable order_risk_checks.rules: " + text, e);
        }
    }
}
