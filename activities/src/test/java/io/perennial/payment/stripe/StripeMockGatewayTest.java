package io.perennial.payment.stripe;

import io.perennial.payment.AttachedPaymentMethod;
import io.perennial.payment.GatewayCharge;
import io.perennial.payment.GatewayMisconfiguredException;
import io.perennial.payment.GatewayRefund;
import io.perennial.payment.GatewayResult;
import io.perennial.payment.GatewayUnavailableException;
import io.perennial.payment.ProviderCustomers;
import io.perennial.payment.RedirectCharge;
import io.perennial.testsupport.NeedsStripeMock;
import io.perennial.testsupport.StripeMock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The adapter against stripe-mock, which checks every request against Stripe's OpenAPI description: a request the
 * adapter builds wrongly fails here as a rejected request. stripe-mock answers fixtures (a PaymentIntent is always
 * {@code requires_payment_method}, a Refund {@code succeeded}), so the assertions are on what the adapter made of
 * real Stripe-shaped answers, not on business outcomes.
 */
@NeedsStripeMock
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StripeMockGatewayTest {

    private StripeMock stripeMock;
    private InMemoryProviderCustomers store;
    private StripePaymentGateway gateway;

    @BeforeAll
    void start() throws IOException {
        stripeMock = StripeMock.start();
        store = new InMemoryProviderCustomers();
        gateway = gatewayWithKey("sk_test_perennial");
    }

    @AfterAll
    void stop() {
        stripeMock.close();
    }

    private StripePaymentGateway gatewayWithKey(String apiKey) {
        return new StripePaymentGateway(new StripeConfiguration(apiKey, stripeMock.base(), Duration.ofSeconds(5),
                Duration.ofSeconds(10), 0), new ProviderCustomers(store));
    }

    @Test
    void stripeMockAcceptsTheOffSessionPaymentIntentAndItsAnswerIsMappedByStatus() {
        GatewayResult result = gateway.charge(new GatewayCharge(UUID.randomUUID() + ":1:renewal", 1299, "EUR",
                "pm_card_visa"));

        assertThat(result.reference()).startsWith("pi_");
        // The fixture's requires_payment_method: a PaymentIntent left without a usable method is a decline.
        assertThat(result.approved()).isFalse();
        assertThat(result.declineCode()).isEqualTo(StripeOutcomes.FALLBACK_DECLINE);
    }

    @Test
    void stripeMockAcceptsTheCustomerAndTheAttachmentAndTheirIdsAreKept() {
        UUID customer = UUID.randomUUID();

        GatewayResult result = gateway.charge(new GatewayCharge(UUID.randomUUID() + ":1:renewal", 500, "EUR",
                "pm_card_visa", customer));
        AttachedPaymentMethod attached = gateway.attachPaymentMethod(customer, "pm_card_visa");

        assertThat(result.reference()).startsWith("pi_");
        assertThat(attached.customerReference()).startsWith("cus_");
        assertThat(attached.paymentMethodReference()).startsWith("pm_");
        assertThat(store.customers).containsValue(attached.customerReference());
    }

    @Test
    void stripeMockAcceptsTheRefundOfAPaymentIntent() {
        GatewayResult result = gateway.refund(new GatewayRefund(UUID.randomUUID() + ":1:refund", "pi_123", 500,
                "EUR"));

        assertThat(result.approved()).isTrue();
        assertThat(result.reference()).startsWith("re_");
    }

    @Test
    void stripeMockAcceptsTheRedirectPaymentIntentsOfAlipayAndWeChatPay() {
        // stripe-mock validates the request and answers its fixture, which has no next_action: nothing to redirect
        // to is a retryable failure, not a refusal of the request.
        for (String method : new String[] {"alipay", "wechat_pay"}) {
            UUID invoice = UUID.randomUUID();
            assertThatThrownBy(() -> gateway.startRedirect(new RedirectCharge(invoice + ":redirect:" + method, 12900,
                    "EUR", method, "http://localhost:8080/portal/invoices/" + invoice, invoice, UUID.randomUUID())))
                    .isInstanceOf(GatewayUnavailableException.class).hasMessageContaining("no redirect");
        }
    }

    @Test
    void stripeMockAcceptsTheSearchByOurKey() {
        assertThat(gateway.findCharge(UUID.randomUUID() + ":1:renewal"))
                .hasValueSatisfying(found -> assertThat(found.reference()).startsWith("pi_"));
    }

    @Test
    void stripeMockAcceptsTheCancelOfAPaymentIntentWhoseCustomerDidNotAnswer() {
        // The search answers the fixture, requires_payment_method: still waiting, so it is canceled, and stripe-mock
        // validates the cancel (path, cancellation_reason) against Stripe's OpenAPI description.
        String key = UUID.randomUUID() + ":1:renewal";

        gateway.closeCustomerAction(key);

        assertThat(gateway.findCharge(key)).hasValueSatisfying(found -> assertThat(found.approved()).isFalse());
    }

    @Test
    void aKeyThatIsNotASecretKeyIsRefusedAsAMisconfiguration() {
        assertThatThrownBy(() -> gatewayWithKey("not_a_key").charge(new GatewayCharge("k:1:renewal", 100, "EUR",
                "pm_card_visa")))
                .isInstanceOfSatisfying(GatewayMisconfiguredException.class,
                        e -> assertThat(e.reason()).isEqualTo("gateway_misconfigured"));
    }
}
