package io.perennial.reconciliation;

import io.micronaut.core.annotation.Nullable;
import io.perennial.audit.AuditEntry;
import io.perennial.audit.AuditLog;
import io.perennial.order.OrderReadModel;
import io.perennial.order.OrderRecord;
import io.perennial.order.OrderStatus;
import io.perennial.payment.OrderPaymentRecord;
import io.perennial.payment.OrderRefundRecord;
import io.perennial.payment.OrdersInDoubt;
import io.perennial.payment.RefundStatus;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Optional;

/**
 * What follows once an order's charge is known to have taken money, wherever that came from (the reconciliation
 * sweep asking the provider, or a signed webhook event telling): an order that ended without going through (canceled,
 * failed, no stock) does not keep it. It is given back under the order's own refund key
 * ({@code order-{orderId}:refund}, the one its refund step uses), so it is refunded once whoever comes first, and
 * audited ({@code order.refunded}, target {@code order:{orderId}}).
 */
@Singleton
public class SettledOrderCharges {

    private static final Logger log = LoggerFactory.getLogger(SettledOrderCharges.class);

    private final OrdersInDoubt ordersInDoubt;
    private final OrderReadModel orders;
    private final AuditLog audit;

    public SettledOrderCharges(OrdersInDoubt ordersInDoubt, OrderReadModel orders, AuditLog audit) {
        this.ordersInDoubt = ordersInDoubt;
        this.orders = orders;
        this.audit = audit;
    }

    /**
     * The order's status when it ended without going through ({@code CANCELED}, {@code CANCELED_BACKORDER},
     * {@code FAILED}): it wants no money. Null while it runs (or went through), and for an order not recorded.
     */
    @Nullable
    public OrderStatus endedWithoutGoingThrough(OrderPaymentRecord payment) {
        return orders.find(payment.orderId()).map(OrderRecord::status)
                .filter(status -> status == OrderStatus.CANCELED || status == OrderStatus.CANCELED_BACKORDER
                        || status == OrderStatus.FAILED)
                .orElse(null);
    }

    /**
     * Gives back what is left of {@code taken} once, under the order's refund key, and audits a refund paid out or
     * refused ({@code actor} says who found it). Empty when nothing is left (all of it was refunded at the provider
     * already). Throws {@code GatewayUnavailableException} when the provider did not answer: the refund stays PENDING
     * and the same key is used next time.
     *
     * @param why what the order became, for the audit and the refund's reason (e.g. "ended CANCELED")
     */
    public Optional<OrderRefundRecord> giveBack(OrderPaymentRecord taken, String why, String actor,
                                                Instant businessTime) {
        Optional<OrderRefundRecord> given = ordersInDoubt.refundWhatIsLeft(taken, actor + ": order " + why,
                businessTime);
        if (given.isEmpty()) {
            log.info("{} took {} {} for order {}, which {}; all of it was refunded already", taken.idempotencyKey(),
                    taken.amountMinor(), taken.currency(), taken.orderId(), why);
            return given;
        }
        OrderRefundRecord refund = given.get();
        if (refund.status() != RefundStatus.PENDING) {
            boolean paid = refund.status() == RefundStatus.SUCCEEDED;
            audit.save(AuditEntry.of(actor, "order.refunded", "order:" + taken.orderId(),
                    "charge " + taken.idempotencyKey() + " of " + taken.amountMinor() + " " + taken.currency()
                            + " took money for an order that " + why + "; refund " + refund.refundKey()
                            + (paid ? "" : " refused: " + refund.failureCode()),
                    paid ? "refunded" : "refused"));
            log.warn("{} took {} {} for order {}, which {}; refund {} of {} {}", taken.idempotencyKey(),
                    taken.amountMinor(), taken.currency(), taken.orderId(), why, refund.refundKey(),
                    refund.amountMinor(), refund.status());
        }
        return given;
    }
}
