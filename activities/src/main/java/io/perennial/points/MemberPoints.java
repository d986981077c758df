package io.perennial.points;

import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import io.perennial.billing.CreditEntryKind;
import io.perennial.billing.CreditEntryRepository;
import io.perennial.billing.InvoiceRecord;
import io.perennial.inventory.StockLine;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A customer's member points: earned on money paid, taken back in proportion when it is refunded, expired oldest
 * first, redeemed into account credit. Every booking has a key from business identity and is written in its
 * caller's transaction (the payment's, the delivery's), so a retried activity books nothing twice. Every change
 * that takes points away holds the customer's points lock, so the balance never goes below zero.
 */
@Singleton
public class MemberPoints {

    private static final Logger log = LoggerFactory.getLogger(MemberPoints.class);

    private final PointsEntryRepository entries;
    private final CreditEntryRepository credit;
    private final PointsConfiguration configuration;
    private final TransactionOperations<Connection> transactions;

    public MemberPoints(PointsEntryRepository entries, CreditEntryRepository credit,
                        PointsConfiguration configuration, TransactionOperations<Connection> transactions) {
        this.entries = entries;
        this.credit = credit;
        this.configuration = configuration;
        this.transactions = transactions;
    }

    /** Earns points on what an invoice took in money (account credit spent on it earns nothing), once. */
    @Transactional
    public long earnForInvoice(InvoiceRecord invoice, Instant paidAt) {
        int perUnit = entries.planOf(invoice.subscriptionId())
                .flatMap(plan -> entries.rate("plan", plan))
                .orElse(configuration.pointsPerUnit());
        long points = PointsArithmetic.earned(invoice.totalMinor(), invoice.currency(), perUnit);
        return earn(invoiceKey(invoice.id()), invoice.customerId(), points, invoice.totalMinor(), invoice.currency(),
                "invoice " + invoice.number(), paidAt);
    }

    /** Earns points on a delivered order's payment, at its SKUs' quantity-weighted rate, once. */
    @Transactional
    public long earnForOrder(String orderId, UUID customerId, List<StockLine> lines, long paidMinor, String currency,
                             Instant deliveredAt) {
        long weighted = 0;
        long quantity = 0;
        for (StockLine line : lines) {
            weighted += (long) line.quantity() * entries.rate("sku", line.sku()).orElse(configuration.pointsPerUnit());
            quantity += line.quantity();
        }
        long points = PointsArithmetic.earned(paidMinor, currency, weighted, quantity);
        return earn("order:" + orderId + ":points", customerId, points, paidMinor, currency, "order " + orderId,
                deliveredAt);
    }

    private long earn(String key, UUID customerId, long points, long paidMinor, String currency, String reason,
                      Instant at) {
        if (points <= 0) {
            return 0;
        }
        entries.insertOnce(UUID.randomUUID(), key, customerId, PointsEntryKind.EARNED.name(), points, reason,
                paidMinor, currency, null, at.plus(configuration.expireAfter()), at);
        return points;
    }

    /**
     * Takes back a succeeded subscription refund's share of what its invoice earned, once per refund: all refunds
     * of the invoice so far take {@link PointsArithmetic#clawedBackBy}, this one that less what earlier ones took,
     * and never more than the customer has left (points already redeemed are not taken out of the credit).
     */
    @Transactional
    public long clawBackForRefund(UUID refundId, Instant at) {
        Optional<UUID> invoiceId = entries.invoiceOfRefund(refundId);
        if (invoiceId.isEmpty()) {
            return 0;
        }
        Optional<PointsEntry> earning = entries.findByEntryKey(invoiceKey(invoiceId.get()));
        if (earning.isEmpty()) {
            return 0;
        }
        PointsEntry earned = earning.get();
        lock(earned.customerId());
        String key = "refund:" + refundId + ":points";
        Optional<PointsEntry> done = entries.findByEntryKey(key);
        if (done.isPresent()) {
            return -done.get().points();
        }
        long due = PointsArithmetic.clawedBackBy(earned.points(), earned.paidMinor(),
                entries.refundedOfInvoice(invoiceId.get())) - entries.clawedBack(earned.entryKey());
        long points = Math.max(0, Math.min(due, entries.balance(earned.customerId())));
        entries.insertOnce(UUID.randomUUID(), key, earned.customerId(), PointsEntryKind.CLAWBACK.name(), -points,
                "refund of " + earned.reason(), null, null, earned.entryKey(), null, at);
        if (points < due) {
            log.info("Refund {} takes back {} of the {} points due: the customer has no more left", refundId,
                    points, due);
        }
        return points;
    }

    /** Expires what is left of every customer's points that expired by {@code asOf}; returns the points expired. */
    public ExpiredPoints expire(Instant asOf) {
        long total = 0;
        List<UUID> customers = entries.customersWithExpiredPoints(asOf);
        for (UUID customerId : customers) {
            // One transaction per customer: a long run never holds many customers' locks at once.
            total += transactions.executeWrite(status -> expireOne(customerId, asOf));
        }
        return new ExpiredPoints(asOf, customers.size(), total);
    }

    private long expireOne(UUID customerId, Instant asOf) {
        lock(customerId);
        long left = entries.expiredLeft(customerId, asOf);
        if (left > 0) {
            entries.insertOnce(UUID.randomUUID(), "expiry:" + customerId + ":" + asOf.toEpochMilli(), customerId,
                    PointsEntryKind.EXPIRED.name(), -left, "points earned until " + asOf.minus(
                            configuration.expireAfter()) + " expired", null, null, null, null, asOf);
        }
        return left;
    }

    /**
     * Turns points into account credit, once per key: the points leave and the credit arrives in one transaction,
     * under the customer's points lock, so two redemptions at once never spend the same points.
     *
     * @throws NotEnoughPoints when the balance is short (nothing is booked)
     */
    @Transactional
    public PointsRedemption redeem(UUID customerId, String redemptionKey, long points, String currency, Instant at) {
        String key = "redemption:" + customerId + ":" + redemptionKey;
        lock(customerId);
        Optional<PointsEntry> earlier = entries.findByEntryKey(key);
        if (earlier.isPresent()) {
            long creditMinor = credit.findByEntryKey(key).orElseThrow().amountMinor();
            return new PointsRedemption(key, -earlier.get().points(), creditMinor,
                    credit.findByEntryKey(key).orElseThrow().currency(), entries.balance(customerId));
        }
        long creditMinor = PointsArithmetic.credit(points, configuration.redemptionPoints(),
                configuration.redemptionCreditMinor());
        long balance = entries.balance(customerId);
        if (balance < points) {
            throw new NotEnoughPoints(balance, points);
        }
        entries.insertOnce(UUID.randomUUID(), key, customerId, PointsEntryKind.REDEEMED.name(), -points,
                "redeemed for " + creditMinor + " " + currency + " credit", null, null, null, null, at);
        credit.insertOnce(UUID.randomUUID(), key, customerId, currency, CreditEntryKind.GRANT.name(), creditMinor,
                "redeemed " + points + " points", null, null, at);
        return new PointsRedemption(key, points, creditMinor, currency, balance - points);
    }

    /**
     * Gives (positive) or takes (negative) points with a reason, once per key; a taking never leaves the balance
     * below zero ({@link NotEnoughPoints}). Given points expire like earned ones.
     */
    @Transactional
    public long adjust(UUID customerId, String adjustmentKey, long points, String reason, Instant at) {
        String key = "adjustment:" + customerId + ":" + adjustmentKey;
        lock(customerId);
        Optional<PointsEntry> earlier = entries.findByEntryKey(key);
        if (earlier.isPresent()) {
            return entries.balance(customerId);
        }
        long balance = entries.balance(customerId);
        if (points < 0 && balance + points < 0) {
            throw new NotEnoughPoints(balance, -points);
        }
        PointsEntryKind kind = points > 0 ? PointsEntryKind.GRANT : PointsEntryKind.ADJUSTMENT;
        entries.insertOnce(UUID.randomUUID(), key, customerId, kind.name(), points, reason, null, null, null,
                points > 0 ? at.plus(configuration.expireAfter()) : null, at);
        return balance + points;
    }

    public long balance(UUID customerId) {
        return entries.balance(customerId);
    }

    public List<PointsEntry> history(UUID customerId, int limit, long offset) {
        return entries.page(customerId, limit, offset);
    }

    public long historySize(UUID customerId) {
        return entries.countOfCustomer(customerId);
    }

    public PointsConfiguration configuration() {
        return configuration;
    }

    private void lock(UUID customerId) {
        entries.lockCustomerPoints(customerId.toString());
    }

    private static String invoiceKey(UUID invoiceId) {
        return "invoice:" + invoiceId + ":points";
    }
}
