package io.perennial.order;

import io.perennial.notification.CustomerNotification;
import io.perennial.notification.NotificationActivities;
import io.perennial.order.OrderSteps.StepFailed;
import io.perennial.payment.AuthenticationOffer;
import io.perennial.payment.ChargeReceipt;
import io.perennial.payment.DeclineCodes;
import io.perennial.payment.PaymentDecline;
import io.perennial.payment.PaymentFailures;
import io.perennial.subscription.NextAction;
import io.perennial.temporal.ActivityStubs;
import io.perennial.temporal.RetryPolicies;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static io.perennial.order.OrderSteps.reasonOf;
import static io.perennial.temporal.BusinessTime.now;

/**
 * The order's charge, under its one key ({@link OrderCharge#idempotencyKey()}). A charge the issuer asks the customer
 * to authenticate (Strong Customer Authentication) waits for them while the stock stays reserved, until
 * {@link OrderRequest#authenticationWindowOrDefault()}: the order shows a {@link NextAction} and the customer is
 * emailed its link. The customer's answer ({@link #answered}) is read from the provider under the same key: approved,
 * the order goes on; refused, unanswered by the deadline or canceled meanwhile, the provider's request is closed (a
 * late approval takes no money) and the order is undone like a decline. As for subscriptions
 * ({@code CustomerAuthentication}), a request to authenticate comes back as a decline with
 * {@link DeclineCodes#AUTHENTICATION_REQUIRED}; orders from before {@link #CUSTOMER_AUTHENTICATION} keep it a decline.
 */
final class OrderPayment {

    /** Since this change an order's charge may wait for the customer. Asked once, before the charge. */
    static final String CUSTOMER_AUTHENTICATION = "order-customer-authentication";
    /**
     * Since this change an order whose charge waits for the customer shows it in its status ({@link
     * OrderStatus#AWAITING_PAYMENT}, and so in the {@code OrderStatus} search attribute). Asked when the wait begins.
     */
    static final String AWAITING_PAYMENT_STATUS = "order-awaiting-payment-status";

    private static final Logger log = Workflow.getLogger(OrderPayment.class);

    /** {@code CANCELED}: the customer canceled while the charge waited for them, and it took nothing. */
    enum Outcome { PAID, CANCELED }

    private final OrderPaymentActivities payments = ActivityStubs.remote(OrderPaymentActivities.class,
            RetryPolicies.GATEWAY);
    private final NotificationActivities notifications = ActivityStubs.database(NotificationActivities.class);
    private final Order order;
    private final PublishedOrder published;
    /** The customer answered the charge waiting for them; cleared once the answer is read. */
    private boolean answered;

    OrderPayment(Order order, PublishedOrder published) {
        this.order = order;
        this.published = published;
    }

    /** Where the customer answers, relative to the API's base URL. */
    static String path(String orderId) {
        return "/v1/orders/" + orderId + "/payment-authentication";
    }

    /** Charges the order; a decline (or a wait that ends without approval) is a {@link StepFailed}. */
    Outcome charge() {
        if (Workflow.getVersion(CUSTOMER_AUTHENTICATION, Workflow.DEFAULT_VERSION, 1) == Workflow.DEFAULT_VERSION) {
            paid(attempt(AuthenticationOffer.NONE));
            return Outcome.PAID;
        }
        ChargeReceipt receipt = attempt(AuthenticationOffer.OFFERED);
        if (receipt == null) {
            try {
                receipt = awaitCustomer();
            } catch (StepFailed declined) {
                if (order.cancelRequested) {
                    return Outcome.CANCELED;
                }
                throw declined;
            }
        }
        paid(receipt);
        return Outcome.PAID;
    }

    /** The signal: an answer to another charge (or a stale one) is ignored. */
    void answered(String idempotencyKey) {
        if (order.nextAction != null && order.nextAction.paymentKey().equals(idempotencyKey)) {
            answered = true;
        }
    }

    private ChargeReceipt awaitCustomer() {
        Instant deadline = now().plus(order.request.authenticationWindowOrDefault());
        String key = charge(AuthenticationOffer.OFFERED).idempotencyKey();
        order.nextAction = new NextAction(NextAction.AUTHENTICATE_PAYMENT, key, deadline);
        if (Workflow.getVersion(AWAITING_PAYMENT_STATUS, Workflow.DEFAULT_VERSION, 1) == 1) {
            order.move(OrderStatus.AWAITING_PAYMENT, "the charge waits for the customer until " + deadline);
        } else {
            order.changed();
        }
        published.publish();
        log.info("Order {}: the charge waits for the customer until {}", order.request.orderId(), deadline);
        notifications.notifyCustomer(new CustomerNotification(order.request.orderId() + ":authenticate",
                order.request.customerId(), "order_payment_action_required", Map.of(
                        "orderId", order.request.orderId(),
                        "amountMinor", String.valueOf(order.request.amountMinor()),
                        "currency", order.request.currency(),
                        "actionUrl", path(order.request.orderId()), "expiresAt", deadline.toString()), now()));
        try {
            ChargeReceipt receipt = null;
            while (receipt == null) {
                Duration left = Duration.between(now(), deadline);
                boolean asked = !left.isNegative() && !left.isZero()
                        && Workflow.await(left, () -> answered || order.cancelRequested);
                // A cancel or the deadline closes the provider's request: what it holds then is the outcome.
                boolean open = asked && answered && !order.cancelRequested;
                answered = false;
                receipt = attempt(open ? AuthenticationOffer.OFFERED : AuthenticationOffer.EXPIRED);
            }
            return receipt;
        } finally {
            order.nextAction = null;
            order.changed();
        }
    }

    /** One call of the charge; null while it still waits for the customer ({@link AuthenticationOffer#OFFERED}). */
    private ChargeReceipt attempt(AuthenticationOffer offer) {
        try {
            return payments.chargeOrder(charge(offer));
        } catch (ActivityFailure failure) {
            if (offer == AuthenticationOffer.OFFERED && authenticationRequired(failure)) {
                return null;
            }
            throw new StepFailed("charge failed: " + reasonOf(failure));
        }
    }

    private OrderCharge charge(AuthenticationOffer offer) {
        OrderRequest request = order.request;
        return new OrderCharge(request.orderId(), request.customerId(), request.amountMinor(), request.currency(),
                request.paymentMethod(), now(), offer);
    }

    private void paid(ChargeReceipt receipt) {
        order.chargedMinor = receipt.amountMinor();
        order.paymentId = receipt.paymentId();
        order.move(OrderStatus.PAID, "charged " + receipt.amountMinor() + " " + receipt.currency());
    }

    private static boolean authenticationRequired(ActivityFailure failure) {
        if (!(failure.getCause() instanceof ApplicationFailure declined)
                || !PaymentFailures.PAYMENT_DECLINED.equals(declined.getType())
                || declined.getDetails().getSize() == 0) {
            return false;
        }
        PaymentDecline decline = declined.getDetails().get(0, PaymentDecline.class, PaymentDecline.class);
        return decline != null && DeclineCodes.AUTHENTICATION_REQUIRED.equals(decline.declineCode());
    }
}
