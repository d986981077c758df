package io.perennial.payment.stripe;

import io.perennial.payment.GatewayUnavailableException;
import io.perennial.payment.PaymentMethodRefusedException;
import io.perennial.payment.RedirectCharge;
import io.perennial.payment.RedirectSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A redirect payment of a sent invoice on Stripe: the PaymentIntent the adapter asks for (one payment method type,
 * confirmed with our return URL, our key as Stripe's Idempotency-Key and in the metadata) and the redirect it reads
 * from Stripe's documented {@code next_action} of an Alipay and a WeChat Pay PaymentIntent.
 */
class StripeRedirectMappingTest {

    private static final UUID INVOICE = UUID.fromString("0b7f8c2e-7f0e-4c62-9d1e-2a4e8c1d5f30");
    private static final UUID CUSTOMER = UUID.fromString("5d0a9c41-3b6e-4f2a-8c7d-1e9f0a2b3c4d");
    private static final String RETURN = "https://shop.example/portal/invoices/" + INVOICE;

    private CannedStripe stripe;

    @BeforeEach
    void start() throws IOException {
        stripe = new CannedStripe();
    }

    @AfterEach
    void stop() {
        stripe.close();
    }

    private static RedirectCharge charge(String method) {
        return new RedirectCharge(INVOICE + ":redirect:" + method, 12900, "EUR", method, RETURN, INVOICE, CUSTOMER);
    }

    @Test
    void anAlipayPaymentIsAPaymentIntentOfThatTypeConfirmedWithOurReturnUrlUnderOurKey() {
        stripe.answer(200, """
                {"id": "pi_alipay", "object": "payment_intent", "amount": 12900, "currency": "eur",
                 "status": "requires_action", "payment_method_types": ["alipay"],
                 "next_action": {"type": "alipay_handle_redirect", "alipay_handle_redirect": {
                   "native_data": null, "native_url": null, "return_url": "%s",
                   "url": "https://hooks.stripe.com/redirect/authenticate/src_1?client_secret=src_client_secret_1"}},
                 "metadata": {"perennial_key": "%s:redirect:alipay"}}""".formatted(RETURN, INVOICE));

        Instant before = Instant.now();
        RedirectSession session = stripe.gateway().startRedirect(charge("alipay"));

        assertThat(session.reference()).isEqualTo("pi_alipay");
        assertThat(session.redirectUrl()).startsWith("https://hooks.stripe.com/redirect/authenticate/src_1");
        assertThat(session.expiresAt()).isAfterOrEqualTo(before.plus(StripeRedirects.SESSION_LIFETIME));
        CannedStripe.Sent sent = stripe.last();
        assertThat(sent.path()).isEqualTo("/v1/payment_intents");
        assertThat(sent.idempotencyKey()).isEqualTo(INVOICE + ":redirect:alipay");
        assertThat(sent.form()).containsEntry("amount", "12900").containsEntry("currency", "eur")
                .containsEntry("payment_method_types[0]", "alipay")
                .containsEntry("payment_method_data[type]", "alipay")
                .containsEntry("confirm", "true").containsEntry("return_url", RETURN)
                .containsEntry("metadata[perennial_key]", INVOICE + ":redirect:alipay")
                .containsEntry("metadata[perennial_owner]", INVOICE.toString())
                .containsEntry("metadata[perennial_customer_id]", CUSTOMER.toString())
                .doesNotContainKey("off_session");
    }

    @Test
    void aWeChatPayPaymentAsksForTheWebClientAndSendsTheCustomerToItsQrCodePage() {
        stripe.answer(200, """
                {"id": "pi_wechat", "object": "payment_intent", "amount": 12900, "currency": "eur",
                 "status": "requires_action", "payment_method_types": ["wechat_pay"],
                 "next_action": {"type": "wechat_pay_display_qr_code", "wechat_pay_display_qr_code": {
                   "data": "weixin://wxpay/bizpayurl?pr=abc", "hosted_instructions_url": "https://pay.stripe.com/wechat/qr/abc",
                   "image_data_url": "data:image/png;base64,AAA", "image_url_png": "https://qr.stripe.com/abc.png",
                   "image_url_svg": "https://qr.stripe.com/abc.svg"}},
                 "metadata": {"perennial_key": "%s:redirect:wechat_pay"}}""".formatted(INVOICE));

        RedirectSession session = stripe.gateway().startRedirect(charge("wechat_pay"));

        assertThat(session.redirectUrl()).isEqualTo("https://pay.stripe.com/wechat/qr/abc");
        assertThat(stripe.last().form()).containsEntry("payment_method_types[0]", "wechat_pay")
                .containsEntry("payment_method_options[wechat_pay][client]", "web");
    }

    @Test
    void aPaymentIntentWithoutARedirectFailsRetryablyUnderTheSameKey() {
        stripe.answer(200, """
                {"id": "pi_nothing", "object": "payment_intent", "amount": 12900, "currency": "eur",
                 "status": "requires_payment_method", "next_action": null}""");

        assertThatThrownBy(() -> stripe.gateway().startRedirect(charge("alipay")))
                .isInstanceOf(GatewayUnavailableException.class).hasMessageContaining("pi_nothing");
    }

    @Test
    void aMethodStripeWillNotOfferIsRefusedNotRetried() {
        stripe.answer(400, """
                {"error": {"code": "payment_method_unactivated", "param": "payment_method_types",
                 "message": "The payment method type provided: alipay is invalid.", "type": "invalid_request_error"}}""");

        assertThatThrownBy(() -> stripe.gateway().startRedirect(charge("alipay")))
                .isInstanceOf(PaymentMethodRefusedException.class);
    }
}
