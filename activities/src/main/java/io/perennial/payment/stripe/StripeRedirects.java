package io.perennial.payment.stripe;

import com.stripe.model.PaymentIntent;
import com.stripe.param.PaymentIntentCreateParams;
import io.perennial.payment.GatewayUnavailableException;
import io.perennial.payment.RedirectCharge;
import io.perennial.payment.RedirectSession;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A redirect payment (Alipay, WeChat Pay) as a Stripe PaymentIntent: {@code payment_method_types} the one method,
 * its PaymentMethod made from {@code payment_method_data}, confirmed at once with our {@code return_url}, our ids in
 * {@code metadata}. Stripe answers {@code requires_action} with a {@code next_action} that says where the customer
 * goes: {@code alipay_handle_redirect.url}, WeChat Pay's {@code wechat_pay_display_qr_code.hosted_instructions_url}
 * (its web client), or a generic {@code redirect_to_url.url}. The outcome arrives by webhook
 * ({@code payment_intent.succeeded}, {@code payment_intent.payment_failed}).
 */
final class StripeRedirects {

    /** Stripe states no expiry for these sessions; the customer is told to answer within this. */
    static final Duration SESSION_LIFETIME = Duration.ofHours(1);

    private StripeRedirects() {
    }

    static PaymentIntentCreateParams params(RedirectCharge charge) {
        PaymentIntentCreateParams.Builder params = PaymentIntentCreateParams.builder()
                .setAmount(charge.amountMinor())
                .setCurrency(charge.currency().toLowerCase(Locale.ROOT))
                .addPaymentMethodType(charge.method())
                .setPaymentMethodData(PaymentIntentCreateParams.PaymentMethodData.builder()
                        .setType(PaymentIntentCreateParams.PaymentMethodData.Type.valueOf(
                                charge.method().toUpperCase(Locale.ROOT)))
                        .build())
                .setConfirm(true)
                .setReturnUrl(charge.returnUrl())
                .putMetadata(StripePaymentGateway.KEY, charge.idempotencyKey())
                .putMetadata(StripePaymentGateway.OWNER, charge.invoiceId().toString())
                .putMetadata(StripePaymentGateway.CUSTOMER_ID, charge.customerId().toString());
        if ("wechat_pay".equals(charge.method())) {
            // Stripe requires the client for WeChat Pay; on the web it shows a QR code page.
            params.setPaymentMethodOptions(PaymentIntentCreateParams.PaymentMethodOptions.builder()
                    .setWechatPay(PaymentIntentCreateParams.PaymentMethodOptions.WechatPay.builder()
                            .setClient(PaymentIntentCreateParams.PaymentMethodOptions.WechatPay.Client.WEB)
                            .build())
                    .build());
        }
        return params.build();
    }

    /**
     * Where the PaymentIntent sends the customer. A PaymentIntent without a redirect (stripe-mock's fixture, or one
     * Stripe could not confirm) fails retryably: nothing was taken, and the same key asks again.
     */
    static RedirectSession session(PaymentIntent intent, Instant now) {
        String url = redirectUrl(intent.getNextAction());
        if (url == null) {
            throw new GatewayUnavailableException("no_redirect", "Stripe gave PaymentIntent " + intent.getId()
                    + " (" + intent.getStatus() + ") no redirect for the customer");
        }
        return new RedirectSession(intent.getId(), url, now.plus(SESSION_LIFETIME));
    }

    static String redirectUrl(PaymentIntent.NextAction next) {
        if (next == null) {
            return null;
        }
        if (next.getAlipayHandleRedirect() != null && next.getAlipayHandleRedirect().getUrl() != null) {
            return next.getAlipayHandleRedirect().getUrl();
        }
        if (next.getWechatPayDisplayQrCode() != null
                && next.getWechatPayDisplayQrCode().getHostedInstructionsUrl() != null) {
            return next.getWechatPayDisplayQrCode().getHostedInstructionsUrl();
        }
        return next.getRedirectToUrl() == null ? null : next.getRedirectToUrl().getUrl();
    }
}
