package io.perennial.order;

import io.perennial.inventory.StockLine;

import java.time.Duration;
import java.util.List;

/**
 * An order to fulfil, as the caller (the API, or a subscription box) placed it. The amount is computed by the
 * caller from its catalog prices; the workflow charges exactly it.
 *
 * @param backorderDeadline how long the order may wait for stock before it is canceled
 * @param pickupDeadline    how long the carrier may take to pick a booked shipment up before ops are alerted;
 *                          null for {@link #DEFAULT_PICKUP_DEADLINE}
 * @param prepaidBy         for a subscription box, the paid period it ships (no charge of its own); null for an
 *                          order the customer pays for (and in histories from before boxes)
 * @param clientIp          where the order was placed from, for the risk check's velocity per IP; null when unknown
 * @param authenticationWindow how long a charge the issuer asks the customer to authenticate waits for them; null
 *                          for {@link #DEFAULT_AUTHENTICATION_WINDOW}
 */
public record OrderRequest(String orderId, String customerId, List<StockLine> lines, long amountMinor,
                           String currency, String paymentMethod, ShippingAddress shippingAddress,
                           Duration backorderDeadline, Duration pickupDeadline, PrepaidBox prepaidBy,
                           String clientIp, Duration authenticationWindow) {

    public static final Duration DEFAULT_PICKUP_DEADLINE = Duration.ofHours(48);
    /**
     * An hour: the customer is at the checkout when the card asks (a renewal's customer is not, hence its 23 h), and
     * the order's stock stays reserved from other buyers for as long as it waits.
     */
    public static final Duration DEFAULT_AUTHENTICATION_WINDOW = Duration.ofHours(1);

    public OrderRequest {
        if (orderId == null || orderId.isBlank()) {
            throw new IllegalArgumentException("an order needs an id");
        }
        if (lines == null || lines.isEmpty()) {
            throw new IllegalArgumentException("an order needs at least one line");
        }
        lines = List.copyOf(lines);
        if (amountMinor < 0 || (amountMinor == 0 && prepaidBy == null)) {
            // A box of a period a coupon made free is worth 0; anything the customer pays for costs something.
            throw new IllegalArgumentException("an order's amount is positive, was " + amountMinor);
        }
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be ISO 4217, was " + currency);
        }
        if (backorderDeadline == null || backorderDeadline.isNegative() || backorderDeadline.isZero()) {
            throw new IllegalArgumentException("a backorder deadline is positive, was " + backorderDeadline);
        }
        if (pickupDeadline != null && (pickupDeadline.isNegative() || pickupDeadline.isZero())) {
            throw new IllegalArgumentException("a pickup deadline is positive, was " + pickupDeadline);
        }
        if (authenticationWindow != null && (authenticationWindow.isNegative() || authenticationWindow.isZero())) {
            throw new IllegalArgumentException("an authentication window is positive, was " + authenticationWindow);
        }
    }

    /** An order placed with the default authentication window. */
    public OrderRequest(String orderId, String customerId, List<StockLine> lines, long amountMinor, String currency,
                        String paymentMethod, ShippingAddress shippingAddress, Duration backorderDeadline,
                        Duration pickupDeadline, PrepaidBox prepaidBy, String clientIp) {
        this(orderId, customerId, lines, amountMinor, currency, paymentMethod, shippingAddress, backorderDeadline,
                pickupDeadline, prepaidBy, clientIp, null);
    }

    /** A subscription box, or an order whose client address is unknown. */
    public OrderRequest(String orderId, String customerId, List<StockLine> lines, long amountMinor, String currency,
                        String paymentMethod, ShippingAddress shippingAddress, Duration backorderDeadline,
                        Duration pickupDeadline, PrepaidBox prepaidBy) {
        this(orderId, customerId, lines, amountMinor, currency, paymentMethod, shippingAddress, backorderDeadline,
                pickupDeadline, prepaidBy, null);
    }

    /** An order the customer pays for. */
    public OrderRequest(String orderId, String customerId, List<StockLine> lines, long amountMinor, String currency,
                        String paymentMethod, ShippingAddress shippingAddress, Duration backorderDeadline,
                        Duration pickupDeadline) {
        this(orderId, customerId, lines, amountMinor, currency, paymentMethod, shippingAddress, backorderDeadline,
                pickupDeadline, null, null);
    }

    public boolean box() {
        return prepaidBy != null;
    }

    public Duration pickupDeadlineOrDefault() {
        return pickupDeadline != null ? pickupDeadline : DEFAULT_PICKUP_DEADLINE;
    }

    public Duration authenticationWindowOrDefault() {
        return authenticationWindow != null ? authenticationWindow : DEFAULT_AUTHENTICATION_WINDOW;
    }

    /** What the Temporal UI shows for the workflow: ids and totals, never the address. */
    public String summary() {
        int units = lines.stream().mapToInt(StockLine::quantity).sum();
        if (prepaidBy != null) {
            return "Box · subscription " + prepaidBy.subscriptionId() + " · period " + prepaidBy.period() + " · "
                    + units + (units == 1 ? " item" : " items") + " · customer " + customerId;
        }
        return "Order " + orderId + " · " + units + (units == 1 ? " item · " : " items · ") + amountMinor + " "
                + currency + " (minor units) · customer " + customerId;
    }
}
