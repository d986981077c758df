package io.perennial.payment;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.perennial.order.OrderCharge;
import io.perennial.order.OrderPaymentActivities;
import io.perennial.order.OrderRefund;
import io.perennial.testsupport.TestDatabase;
import io.temporal.failure.ApplicationFailure;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Order charges and refunds through the simulated gateway and real PostgreSQL: each happens at most once. */
@MicronautTest(startApplication = false, transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderPaymentActivitiesImplTest implements TestPropertyProvider {

    private static final Instant AT = Instant.parse("2027-03-01T09:00:00Z");

    @Inject
    OrderPaymentActivities payments;
    @Inject
    SimulatedGatewayLedger ledger;
    @Inject
    AuthenticationPageRepository authenticationPage;
    @Inject
    OrderPaymentRepository rows;

    @Override
    public Map<String, String> getProperties() {
        return TestDatabase.properties();
    }

    private static OrderCharge charge(String orderId, String paymentMethod) {
        return new OrderCharge(orderId, UUID.randomUUID().toString(), 4599, "EUR", paymentMethod, AT);
    }

    @Test
    void anOrderChargedTwiceIsChargedOnceAndRefundedOnce() {
        String orderId = "o-" + UUID.randomUUID();

        ChargeReceipt first = payments.chargeOrder(charge(orderId, "pm_card_visa"));
        ChargeReceipt again = payments.chargeOrder(charge(orderId, "pm_card_visa"));

        assertThat(again).isEqualTo(first);
        assertThat(first.idempotencyKey()).isEqualTo("order-" + orderId + ":charge");
        assertThat(first.amountMinor()).isEqualTo(4599);
        assertThat(ledger.countCharges("order-" + orderId + ":")).isEqualTo(1);

        RefundReceipt refund = payments.refundOrder(new OrderRefund(orderId, "booking refused", AT));
        RefundReceipt refundAgain = payments.refundOrder(new OrderRefund(orderId, "booking refused", AT));

        assertThat(refund.amountMinor()).isEqualTo(4599);
        assertThat(refund.refundId()).isNotNull();
        assertThat(refundAgain).isEqualTo(refund);
    }

    @Test
    void aDeclineIsANonRetryableFailureAndLeavesNothingToRefund() {
        String orderId = "o-" + UUID.randomUUID();

        assertThatThrownBy(() -> payments.chargeOrder(charge(orderId, "pm_card_insufficient_funds")))
                .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.getType()).isEqualTo(PaymentFailures.PAYMENT_DECLINED);
                    assertThat(failure.isNonRetryable()).isTrue();
                    assertThat(failure.getOriginalMessage()).endsWith("declined: insufficient_funds");
                });

        assertThat(payments.refundOrder(new OrderRefund(orderId, "charge declined", AT)).amountMinor()).isZero();
        assertThat(ledger.countCharges("order-" + orderId + ":")).isZero();
    }

    private static OrderCharge authenticated(String orderId, AuthenticationOffer offer) {
        return new OrderCharge(orderId, UUID.randomUUID().toString(), 4599, "EUR", "pm_card_authenticationRequired",
                AT, offer);
    }

    private static String declineCode(Runnable charge) {
        try {
            charge.run();
        } catch (ApplicationFailure failure) {
            assertThat(failure.getType()).isEqualTo(PaymentFailures.PAYMENT_DECLINED);
            return failure.getDetails().get(0, PaymentDecline.class, PaymentDecline.class).declineCode();
        }
        throw new AssertionError("the charge was not declined");
    }

    @Test
    void aChargeTheCustomerMustAuthenticateWaitsAndIsTakenOnceUnderItsKeyWhenTheyApprove() {
        String orderId = "o-" + UUID.randomUUID();
        String key = "order-" + orderId + ":charge";

        assertThat(declineCode(() -> payments.chargeOrder(authenticated(orderId, AuthenticationOffer.OFFERED))))
                .isEqualTo("authentication_required");
        assertThat(rows.findByIdempotencyKey(key).orElseThrow().status()).isEqualTo(PaymentStatus.REQUIRES_ACTION);
        // Asked again before the customer answers: still waiting, nothing charged.
        assertThat(declineCode(() -> payments.chargeOrder(authenticated(orderId, AuthenticationOffer.OFFERED))))
                .isEqualTo("authentication_required");

        assertThat(authenticationPage.answer(key, true)).isTrue();
        ChargeReceipt receipt = payments.chargeOrder(authenticated(orderId, AuthenticationOffer.OFFERED));

        assertThat(receipt.amountMinor()).isEqualTo(4599);
        assertThat(rows.findByIdempotencyKey(key).orElseThrow().status()).isEqualTo(PaymentStatus.SUCCEEDED);
        assertThat(ledger.countCharges("order-" + orderId + ":")).isEqualTo(1);
    }

    @Test
    void aWaitingChargeWhoseOfferIsOverIsClosedAtTheProviderSoALateApprovalTakesNothing() {
        String orderId = "o-" + UUID.randomUUID();
        String key = "order-" + orderId + ":charge";
        declineCode(() -> payments.chargeOrder(authenticated(orderId, AuthenticationOffer.OFFERED)));

        assertThat(declineCode(() -> payments.chargeOrder(authenticated(orderId, AuthenticationOffer.EXPIRED))))
                .isEqualTo("authentication_expired");

        assertThat(rows.findByIdempotencyKey(key).orElseThrow().status()).isEqualTo(PaymentStatus.DECLINED);
        assertThat(authenticationPage.answer(key, true)).as("the customer's page after the deadline").isFalse();
        assertThat(payments.refundOrder(new OrderRefund(orderId, "not authenticated", AT)).amountMinor()).isZero();
        assertThat(ledger.countCharges("order-" + orderId + ":")).isZero();
    }

    @Test
    void undoingAnOrderWhoseChargeStillWaitsClosesTheRequestOrRefundsWhatTheCustomerApproved() {
        String unanswered = "o-" + UUID.randomUUID();
        declineCode(() -> payments.chargeOrder(authenticated(unanswered, AuthenticationOffer.OFFERED)));
        String approved = "o-" + UUID.randomUUID();
        declineCode(() -> payments.chargeOrder(authenticated(approved, AuthenticationOffer.OFFERED)));
        authenticationPage.answer("order-" + approved + ":charge", true);

        // Ops cancel the workflow while it waits: its refund step is the only one left to settle the charge.
        assertThat(payments.refundOrder(new OrderRefund(unanswered, "workflow canceled", AT)).amountMinor()).isZero();
        assertThat(authenticationPage.answer("order-" + unanswered + ":charge", true)).as("closed").isFalse();
        assertThat(ledger.countCharges("order-" + unanswered + ":")).isZero();

        assertThat(payments.refundOrder(new OrderRefund(approved, "workflow canceled", AT)).amountMinor())
                .isEqualTo(4599);
        assertThat(rows.findByIdempotencyKey("order-" + approved + ":charge").orElseThrow().status())
                .isEqualTo(PaymentStatus.SUCCEEDED);
    }

    @Test
    void aChargeAskingForTheCustomerIsADeclineWhenTheOrderDoesNotOfferTheWait() {
        String orderId = "o-" + UUID.randomUUID();

        assertThat(declineCode(() -> payments.chargeOrder(authenticated(orderId, AuthenticationOffer.NONE))))
                .isEqualTo("authentication_required");
        assertThat(rows.findByIdempotencyKey("order-" + orderId + ":charge").orElseThrow().status())
                .isEqualTo(PaymentStatus.DECLINED);
    }

    @Test
    void refundingAnOrderNeverChargedGivesBackNothing() {
        RefundReceipt receipt = payments.refundOrder(new OrderRefund("o-" + UUID.randomUUID(), "canceled", AT));

        assertThat(receipt.amountMinor()).isZero();
        assertThat(receipt.refundId()).isNull();
    }
}
