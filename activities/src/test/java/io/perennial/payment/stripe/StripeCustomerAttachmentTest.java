package io.perennial.payment.stripe;

import io.perennial.payment.AttachedPaymentMethod;
import io.perennial.payment.GatewayCharge;
import io.perennial.payment.GatewayResult;
import io.perennial.payment.PaymentMethodRefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Off-session charges need a Stripe Customer: one per Perennial customer, the method attached to it once. */
class StripeCustomerAttachmentTest {

    private static final UUID CUSTOMER = UUID.fromString("0e0c9a52-1b7e-4c1e-9a57-0c3c1a3f0e11");

    private CannedStripe stripe;

    @BeforeEach
    void start() throws IOException {
        stripe = new CannedStripe()
                .answer("/v1/customers", 200, """
                        {"id": "cus_1", "object": "customer", "metadata": {}}""")
                .answer("/v1/payment_methods/pm_card_visa/attach", 200, """
                        {"id": "pm_attached", "object": "payment_method", "customer": "cus_1", "type": "card"}""")
                .answer("/v1/payment_intents", 200, """
                        {"id": "pi_1", "object": "payment_intent", "status": "succeeded", "metadata": {}}""");
    }

    @AfterEach
    void stop() {
        stripe.close();
    }

    @Test
    void aChargeForOurCustomerGoesToItsStripeCustomerWithTheAttachedMethod() {
        GatewayResult result = stripe.gateway().charge(new GatewayCharge("s:1:renewal", 500, "EUR", "pm_card_visa",
                CUSTOMER));

        assertThat(result.approved()).isTrue();
        assertThat(stripe.sent()).extracting(CannedStripe.Sent::path).containsExactly("/v1/customers",
                "/v1/payment_methods/pm_card_visa/attach", "/v1/payment_intents");
        assertThat(stripe.sent().get(0).idempotencyKey()).isEqualTo("customer:" + CUSTOMER);
        assertThat(stripe.sent().get(0).form()).containsEntry("metadata[perennial_customer_id]", CUSTOMER.toString());
        assertThat(stripe.sent().get(1).form()).containsEntry("customer", "cus_1");
        assertThat(stripe.last().form()).containsEntry("customer", "cus_1")
                .containsEntry("payment_method", "pm_attached")
                .containsEntry("metadata[perennial_customer_id]", CUSTOMER.toString());
    }

    @Test
    void theStripeCustomerIsCreatedAndTheMethodAttachedOnlyOnce() {
        StripePaymentGateway gateway = stripe.gateway();
        gateway.charge(new GatewayCharge("s:1:renewal", 500, "EUR", "pm_card_visa", CUSTOMER));
        gateway.charge(new GatewayCharge("s:2:renewal", 500, "EUR", "pm_card_visa", CUSTOMER));

        assertThat(stripe.sent()).extracting(CannedStripe.Sent::path).containsExactly("/v1/customers",
                "/v1/payment_methods/pm_card_visa/attach", "/v1/payment_intents", "/v1/payment_intents");
        assertThat(gateway.attachPaymentMethod(CUSTOMER, "pm_card_visa"))
                .isEqualTo(new AttachedPaymentMethod("cus_1", "pm_attached"));
        assertThat(stripe.requests()).isEqualTo(4);
    }

    @Test
    void aMethodStripeWillNotAttachDeclinesTheChargeWithoutCreatingAPaymentIntent() {
        stripe.answer("/v1/payment_methods/pm_card_visa/attach", 402, """
                {"error": {"code": "card_declined", "decline_code": "generic_decline", "type": "card_error",
                 "message": "Your card was declined."}}""");

        GatewayResult result = stripe.gateway().charge(new GatewayCharge("s:1:renewal", 500, "EUR", "pm_card_visa",
                CUSTOMER));

        assertThat(result.approved()).isFalse();
        assertThat(result.declineCode()).isEqualTo("generic_decline");
        assertThat(stripe.sent()).extracting(CannedStripe.Sent::path).doesNotContain("/v1/payment_intents");
        assertThatThrownBy(() -> stripe.gateway().attachPaymentMethod(CUSTOMER, "pm_card_visa"))
                .isInstanceOfSatisfying(PaymentMethodRefusedException.class,
                        e -> assertThat(e.code()).isEqualTo("generic_decline"));
    }
}
